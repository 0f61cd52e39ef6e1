import type { DeviceMessage, HostMessage } from '../api.js';
import { sha256Hex } from '../crypto/digests.js';

type ApprovalRequest = Extract<HostMessage, { type: 'approval.request' }>;
type ApprovalAnswer = Extract<DeviceMessage, { type: 'approval.answer' }>;

export interface AnswerOptions {
  readonly reason?: string;
  /** With allow: also allow what this rule matches for the rest of the session (the host sets its expiry). */
  readonly rule?: { readonly tool: string; readonly content: string };
}

/**
 * The answer to an approval request, bound to it (invariant 4, §10): its id, and the lowercase hex
 * SHA-256 of the UTF-8 of the request's `input` string, exactly the characters the app showed. The
 * hash is computed here, never copied from the request's own `input_sha256`: the device vouches
 * for what it displayed. If a request's stated hash does not match its input, the answer decides
 * nothing on the host (a security event there), and the request ends as a deny at its deadline.
 */
export async function answerFor(request: ApprovalRequest, decision: 'allow' | 'deny', options: AnswerOptions = {}): Promise<ApprovalAnswer> {
  const input_sha256 = await sha256Hex(request.input);
  const answer: { -readonly [K in keyof ApprovalAnswer]: ApprovalAnswer[K] } = { type: 'approval.answer', id: request.id, input_sha256, decision };
  if (options.reason !== undefined) answer.reason = options.reason;
  if (options.rule !== undefined && decision === 'allow') answer.rule = { tool: options.rule.tool, content: options.rule.content, expires: 0 };
  return answer;
}
