import { isU64 } from './binary.js';
import { invalidArgument, ProtocolUsageError } from './errors.js';
import { MAX_BODY_PER_RECORD, MAX_MESSAGE_BYTES } from './limits.js';
import type { AppRecord } from './records.js';

/**
 * Splits a message into MESSAGE records (docs/protocol.md §4.2): c = max(1, ceil(L / 65,498))
 * records with the same seq, chunk indexes 0 … c−1, MORE on all but the last; every chunk but the
 * last carries exactly 65,498 bytes, and an empty message is one empty record.
 *
 * REKEY is left clear: whether a record rekeys is decided when it is encrypted (rekey-policy.ts),
 * and a resent message is chunked again under a new session's keys.
 *
 * Bodies are views into `message`; the caller must not change it until the records are encoded.
 * Throws a ProtocolUsageError `message-too-large` over 4 MiB: the sender truncates before sending.
 */
export function splitMessage(message: Uint8Array, seq: bigint, ack: bigint): AppRecord[] {
  if (message.length > MAX_MESSAGE_BYTES) {
    throw new ProtocolUsageError('message-too-large', `a message is at most ${MAX_MESSAGE_BYTES} bytes, got ${message.length}`);
  }
  if (!isU64(seq) || seq === 0n) throw invalidArgument('a message seq is a u64 of at least 1');
  if (!isU64(ack)) throw invalidArgument('ack is not a u64');

  const count = Math.max(1, Math.ceil(message.length / MAX_BODY_PER_RECORD));
  const records: AppRecord[] = [];
  for (let chunk = 0; chunk < count; chunk++) {
    const start = chunk * MAX_BODY_PER_RECORD;
    records.push({
      kind: 'message',
      more: chunk < count - 1,
      rekey: false,
      chunk,
      seq,
      ack,
      body: message.subarray(start, Math.min(start + MAX_BODY_PER_RECORD, message.length)),
    });
  }
  return records;
}
