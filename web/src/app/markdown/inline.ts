import type { Inline } from './ast.js';
import { safeHref } from './safe-url.js';

/**
 * Inline Markdown: `code`, **strong**, *em*, _em_, [text](url), <url> and bare http(s) URLs.
 * Anything that does not close, or a link whose URL is not http(s), stays literal text, so what the
 * agent wrote is always visible, never hidden behind markup.
 */

/** Emphasis inside emphasis inside a link...: past this depth the rest is text (no deep recursion on hostile input). */
const MAX_DEPTH = 8;

const ESCAPABLE = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/u;
const BARE_URL = /^https?:\/\/[^\s<>()[\]]+/u;
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/u;
const WORD = /[\p{L}\p{N}]/u;

export function parseInline(source: string): Inline[] {
  return parse(source, 0, false);
}

function parse(source: string, depth: number, inLink: boolean): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') out.push({ kind: 'text', text });
    text = '';
  };
  if (depth > MAX_DEPTH) return [{ kind: 'text', text: source }];

  let i = 0;
  while (i < source.length) {
    const token = readToken(source, i, depth, inLink);
    if (token !== null) {
      flush();
      out.push(token.node);
      i = token.end;
      continue;
    }
    const next = source[i + 1];
    if (source[i] === '\\' && next !== undefined && ESCAPABLE.test(next)) {
      text += next;
      i += 2;
      continue;
    }
    text += source[i];
    i += 1;
  }
  flush();
  return out;
}

/** The token starting at `i`, or null when the character there is plain text. */
function readToken(source: string, i: number, depth: number, inLink: boolean): { node: Inline; end: number } | null {
  const c = source[i];
  if (c === '`') return codeSpan(source, i);
  if (c === '*' || c === '_') return emphasis(source, i, depth, inLink);
  if (inLink) return null;
  if (c === '[') return link(source, i, depth);
  if (c === '<') return autolink(source, i);
  if (c === 'h' && (i === 0 || !WORD.test(source[i - 1]!))) return bareUrl(source, i);
  return null;
}

function codeSpan(source: string, i: number): { node: Inline; end: number } | null {
  let n = 0;
  while (source[i + n] === '`') n++;
  const fence = '`'.repeat(n);
  let search = i + n;
  for (;;) {
    const close = source.indexOf(fence, search);
    if (close < 0) return null;
    // The closing run must be exactly as long as the opening one.
    if (source[close + n] === '`') {
      search = close + n + 1;
      while (source[search] === '`') search++;
      continue;
    }
    let text = source.slice(i + n, close).replace(/\n/gu, ' ');
    if (text.length > 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') text = text.slice(1, -1);
    return { node: { kind: 'code', text }, end: close + n };
  }
}

function emphasis(source: string, i: number, depth: number, inLink: boolean): { node: Inline; end: number } | null {
  const c = source[i]!;
  // snake_case_names are not emphasis.
  if (c === '_' && i > 0 && WORD.test(source[i - 1]!)) return null;
  const strong = source[i + 1] === c;
  const delimiter = strong ? c + c : c;
  const start = i + delimiter.length;
  if (start >= source.length || /\s/u.test(source[start]!)) return null;
  let close = source.indexOf(delimiter, start + 1);
  while (close >= 0 && !strong && source[close + 1] === c) close = source.indexOf(delimiter, close + 2);
  if (close < 0 || /\s/u.test(source[close - 1]!)) return null;
  if (c === '_' && close + delimiter.length < source.length && WORD.test(source[close + delimiter.length]!)) return null;
  const children = parse(source.slice(start, close), depth + 1, inLink);
  return { node: { kind: strong ? 'strong' : 'em', children }, end: close + delimiter.length };
}

/** `[text](url)`: an anchor for http(s), otherwise the whole source as text (so `javascript:` is seen, not followed). */
function link(source: string, i: number, depth: number): { node: Inline; end: number } | null {
  const closeText = source.indexOf(']', i + 1);
  if (closeText < 0 || source[closeText + 1] !== '(') return null;
  const closeUrl = source.indexOf(')', closeText + 2);
  if (closeUrl < 0) return null;
  const label = source.slice(i + 1, closeText);
  const href = safeHref(source.slice(closeText + 2, closeUrl).trim());
  const end = closeUrl + 1;
  if (href === null || label.trim() === '') return { node: { kind: 'text', text: source.slice(i, end) }, end };
  return { node: { kind: 'link', href, children: parse(label, depth + 1, true) }, end };
}

function autolink(source: string, i: number): { node: Inline; end: number } | null {
  const close = source.indexOf('>', i + 1);
  if (close < 0) return null;
  const href = safeHref(source.slice(i + 1, close));
  if (href === null) return null;
  return { node: { kind: 'link', href, children: [{ kind: 'text', text: source.slice(i + 1, close) }] }, end: close + 1 };
}

function bareUrl(source: string, i: number): { node: Inline; end: number } | null {
  const match = BARE_URL.exec(source.slice(i));
  if (match === null) return null;
  const raw = match[0].replace(TRAILING_PUNCTUATION, '');
  const href = safeHref(raw);
  if (href === null) return null;
  return { node: { kind: 'link', href, children: [{ kind: 'text', text: raw }] }, end: i + raw.length };
}
