import type { DeviceMessage } from '../api.js';
import { MAX_PROMPT_CHARS } from '../limits.js';

/**
 * Device → host messages of docs/protocol.md §10, checked and encoded. A message the host would
 * refuse is a caller bug, so it throws a TypeError with the reason before anything is queued.
 * Members are written in the order of the C# shapes, and only the ones §10 lists.
 */
const HEX64 = /^[0-9a-f]{64}$/;

export function encodeDeviceMessage(message: DeviceMessage): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(wireForm(message)));
}

function wireForm(message: DeviceMessage): Record<string, unknown> {
  switch (message.type) {
    case 'prompt':
      if (typeof message.text !== 'string') throw new TypeError('a prompt needs text');
      if (message.text.length > MAX_PROMPT_CHARS) throw new TypeError(`a prompt is at most ${MAX_PROMPT_CHARS} characters`);
      return { type: 'prompt', text: message.text };
    case 'interrupt':
      return { type: 'interrupt' };
    case 'approval.answer': {
      if (typeof message.id !== 'string' || message.id.length === 0) throw new TypeError('an answer needs the request id');
      if (!HEX64.test(message.input_sha256)) throw new TypeError('input_sha256 is 64 lowercase hex characters (use answerFor)');
      if (message.decision !== 'allow' && message.decision !== 'deny') throw new TypeError('decision is allow or deny');
      const out: Record<string, unknown> = { type: 'approval.answer', id: message.id, input_sha256: message.input_sha256, decision: message.decision };
      if (message.reason !== undefined) out['reason'] = String(message.reason);
      if (message.rule !== undefined) {
        if (message.decision !== 'allow') throw new TypeError('a rule goes only with allow');
        const { tool, content, expires } = message.rule;
        if (typeof tool !== 'string' || typeof content !== 'string' || !Number.isSafeInteger(expires)) throw new TypeError('a rule has tool, content and expires');
        out['rule'] = { tool, content, expires };
      }
      return out;
    }
    default:
      throw new TypeError('not a device message of docs/protocol.md §10');
  }
}
