import { isInside } from './paths.js';
import { parseInputObject, stringMember } from './tool-input.js';
import { hasHiddenCharacters } from './visible-text.js';

/**
 * Warning badges on an approval card. They draw the eye to what deserves a second look; they never
 * decide anything (the person does, and the host's engine and sandbox enforce). Tuned to be quiet on
 * ordinary work: a badge that is always on is a badge nobody reads.
 */

export type RiskKind = 'outside-project' | 'recursive-delete' | 'pipe-to-shell' | 'sudo' | 'credentials' | 'hidden-characters';

export interface Risk {
  readonly kind: RiskKind;
  readonly label: string;
  /** What triggered it, to show under the badge. */
  readonly detail: string;
}

export interface RiskSubject {
  readonly tool: string;
  readonly input: string;
  readonly cwd: string;
}

const PATH_MEMBERS = ['file_path', 'notebook_path', 'path'] as const;

/** Commands whose path arguments are written to, moved or removed. */
const WRITING_COMMANDS = new Set(['rm', 'rmdir', 'mv', 'cp', 'touch', 'mkdir', 'chmod', 'chown', 'ln', 'tee', 'truncate', 'install', 'rsync', 'shred']);
const PREFIX_COMMANDS = new Set(['sudo', 'doas', 'env', 'nohup', 'time', 'command', 'exec']);
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

const RECURSIVE_RM = /(?:^|[\s;&|(`])rm\s+(?:-[a-zA-Z]+\s+)*(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\b/u;
const FIND_DELETE = /\bfind\b[^;&|\n]*\s-delete\b/u;
const INTERPRETER = String.raw`(?:(?:ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node)\b`;
const PIPE_TO_SHELL = [
  new RegExp(String.raw`\b(?:curl|wget|fetch)\b[^;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?${INTERPRETER}`, 'u'),
  new RegExp(String.raw`${INTERPRETER}\s+(?:-c\s+)?["']?\$\(\s*(?:curl|wget)\b`, 'u'),
  new RegExp(String.raw`${INTERPRETER}\s+<\(\s*(?:curl|wget)\b`, 'u'),
];
const SUDO = /(?:^|[\s;&|(`])(?:sudo|doas|pkexec)(?:\s|$)/u;

const CREDENTIALS: readonly [RegExp, string][] = [
  [/(?:^|[^\w.])\.ssh(?:\/|$|[^\w])/u, '.ssh'],
  [/(?:^|[\s/'"=:])\.env(?:\.[\w.-]+)?(?=$|[\s'";|&)/])/u, '.env'],
  [/(?:^|[^\w])\.aws(?:\/|$|[^\w])/u, '.aws'],
  [/\bid_(?:rsa|dsa|ecdsa|ed25519)\b/u, 'an SSH private key'],
  [/\.netrc\b/u, '.netrc'],
  [/\.npmrc\b/u, '.npmrc'],
  [/\.pypirc\b/u, '.pypirc'],
  [/\.git-credentials\b/u, '.git-credentials'],
  [/\.gnupg\b/u, '.gnupg'],
  [/\.kube\/config\b/u, '.kube/config'],
  [/\.docker\/config\.json\b/u, '.docker/config.json'],
  [/(?:^|[\s'"=:;|&(<>])\/etc\//u, '/etc/'],
];

export function assessRisks(subject: RiskSubject): Risk[] {
  const input = parseInputObject(subject.input);
  const command = subject.tool === 'Bash' ? stringMember(input, 'command') : null;
  const paths = PATH_MEMBERS.map((name) => stringMember(input, name)).filter((p): p is string => p !== null);
  const risks: Risk[] = [];

  const outside = [...paths, ...(command === null ? [] : writtenPaths(command))].filter(
    (path) => !HARMLESS_TARGETS.has(path) && !isInside(path, subject.cwd),
  );
  if (outside.length > 0) risks.push({ kind: 'outside-project', label: 'Outside the project', detail: `${outside.join(', ')} is not under ${subject.cwd}` });

  if (command !== null) {
    if (RECURSIVE_RM.test(command) || FIND_DELETE.test(command)) risks.push({ kind: 'recursive-delete', label: 'Recursive delete', detail: 'Deletes files and folders recursively.' });
    if (PIPE_TO_SHELL.some((pattern) => pattern.test(command))) risks.push({ kind: 'pipe-to-shell', label: 'Runs downloaded code', detail: 'Pipes a download straight into a shell or interpreter.' });
    if (SUDO.test(command)) risks.push({ kind: 'sudo', label: 'Administrator rights', detail: 'Runs a command as root (sudo).' });
  }

  // Credentials: look only where a path or a command is, not in file content being written.
  const haystacks = command === null && paths.length === 0 && input === null ? [subject.input] : [...paths, ...(command === null ? [] : [command])];
  const secrets = CREDENTIALS.filter(([pattern]) => haystacks.some((text) => pattern.test(text))).map(([, name]) => name);
  if (secrets.length > 0) risks.push({ kind: 'credentials', label: 'Credentials', detail: `Touches ${secrets.join(', ')}.` });

  if (hasHiddenCharacters(subject.input)) risks.push({ kind: 'hidden-characters', label: 'Hidden characters', detail: 'The input holds invisible or direction-changing characters; they are shown as ⟨U+…⟩.' });
  return risks;
}

/** Paths a shell command writes to, as far as a quick look can tell: redirect targets and the arguments of writing commands. */
export function writtenPaths(command: string): string[] {
  const found: string[] = [];
  for (const match of command.matchAll(/(?:^|[^<>&\d])\d?>>?\|?\s*([^\s;&|<>()]+)/gu)) found.push(unquote(match[1]!));
  for (const segment of command.split(/[;&|\n]+/u)) {
    const words = segment.trim().split(/\s+/u).map(unquote);
    while (words.length > 0 && (PREFIX_COMMANDS.has(words[0]!) || /^\w+=/u.test(words[0]!))) words.shift();
    if (!WRITING_COMMANDS.has(words[0] ?? '')) continue;
    for (const word of words.slice(1)) if (word !== '' && !word.startsWith('-') && !word.startsWith('>')) found.push(word);
  }
  return found.filter((path) => !path.startsWith('&') && !path.startsWith('$'));
}

function unquote(word: string): string {
  return word.replace(/^["']|["']$/gu, '');
}
