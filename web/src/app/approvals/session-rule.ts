import type { SessionRule } from '../../client/api.js';
import { parseInputObject, stringMember } from './tool-input.js';

/**
 * "Allow for this session": the narrowest rule that covers a request again, exactly as the terminal
 * client derives it (src/Tether.Cli/Attach/PendingApprovals.cs RuleFor): a Bash request's exact
 * command, or a Write/Edit request's exact path. The host (SessionRules.cs) accepts nothing else,
 * and refuses a bare `*` or `/*`, so neither is ever offered.
 */

const MEMBER: Readonly<Record<string, string>> = { Bash: 'command', Write: 'file_path', Edit: 'file_path' };

export function ruleFor(tool: string, input: string): SessionRule | null {
  const member = MEMBER[tool];
  if (member === undefined) return null;
  const content = stringMember(parseInputObject(input), member);
  if (content === null || content.trim() === '*' || content.trim() === '/*') return null;
  // expires is 0 when the device proposes a rule; the host sets the real expiry (30 minutes).
  return { tool, content, expires: 0 };
}

/** The rule as a person reads it before confirming: `Bash: npm test`, `Write: /path`. */
export function describeRule(rule: SessionRule): string {
  return `${rule.tool}: ${rule.content}`;
}
