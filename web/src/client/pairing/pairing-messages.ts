import type { Bytes } from '../../shared/bytes.js';
import { MAX_CODE_ATTEMPTS, MAX_PAIRING_MESSAGE_BYTES } from '../limits.js';
import { parseStrictObject } from '../strict-json.js';

/**
 * The JSON messages after the SAS (docs/protocol.md §8.3) that a device reads, decoded strictly: a
 * message over 4 KiB, not UTF-8 JSON, with a repeated member, a member its type does not list, or
 * without one it needs, is refused (null). Mirrors PairingMessages in C#.
 */
export type RejectReason = 'wrong-code' | 'expired' | 'cancelled' | 'error';

export type HostPairingMessage =
  | { readonly type: 'pair.retry'; readonly attemptsLeft: number }
  | { readonly type: 'pair.accepted'; readonly channel: string; readonly relay: string; readonly certificate: string; readonly hostName: string }
  | { readonly type: 'pair.done' }
  | { readonly type: 'pair.rejected'; readonly reason: RejectReason };

const REJECT_REASONS: readonly string[] = ['wrong-code', 'expired', 'cancelled', 'error'];
const ACCEPTED_MEMBERS = ['type', 'channel', 'relay', 'certificate', 'host_name'];

export function decodeHostPairingMessage(plaintext: Uint8Array): HostPairingMessage | null {
  if (plaintext.length > MAX_PAIRING_MESSAGE_BYTES) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    return null;
  }
  const m = parseStrictObject(text);
  if (m === null) return null;
  switch (m['type']) {
    case 'pair.retry': {
      const left = m['attempts_left'];
      // 2 or 1: the third wrong code is a rejection, not a retry.
      const valid = hasExactly(m, ['type', 'attempts_left']) && Number.isInteger(left) && (left as number) >= 1 && (left as number) < MAX_CODE_ATTEMPTS;
      return valid ? { type: 'pair.retry', attemptsLeft: left as number } : null;
    }
    case 'pair.accepted': {
      if (!hasExactly(m, ACCEPTED_MEMBERS) || !ACCEPTED_MEMBERS.every((k) => typeof m[k] === 'string')) return null;
      const s = (k: string): string => m[k] as string;
      return { type: 'pair.accepted', channel: s('channel'), relay: s('relay'), certificate: s('certificate'), hostName: s('host_name') };
    }
    case 'pair.done':
      return hasExactly(m, ['type']) ? { type: 'pair.done' } : null;
    case 'pair.rejected': {
      const reason = m['reason'];
      const valid = hasExactly(m, ['type', 'reason']) && typeof reason === 'string' && REJECT_REASONS.includes(reason);
      return valid ? { type: 'pair.rejected', reason: reason as RejectReason } : null;
    }
    default:
      return null;
  }
}

/** `pair.stored`, the device's only message, sent once it has saved the host. */
export function encodePairStored(): Bytes {
  return new TextEncoder().encode('{"type":"pair.stored"}');
}

function hasExactly(m: Record<string, unknown>, members: readonly string[]): boolean {
  const keys = Object.keys(m);
  return keys.length === members.length && members.every((k) => Object.hasOwn(m, k));
}
