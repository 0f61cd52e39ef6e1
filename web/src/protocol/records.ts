import type { Bytes } from '../shared/bytes.js';
import { isU16, isU64, readU16, readU64, writeU16, writeU64 } from './binary.js';
import { invalidArgument, ProtocolUsageError } from './errors.js';
import { MAX_BODY_PER_RECORD, MAX_NOISE_PLAINTEXT, RECORD_HEADER_LENGTH } from './limits.js';
import { fail, ok, type Result } from './result.js';

/**
 * Application records (docs/protocol.md §4): the plaintext of every Noise transport message.
 *
 *   offset  size  field
 *   0       1     version   0x01
 *   1       1     kind      0x01 MESSAGE, 0x02 ACK
 *   2       1     flags     bit 0 MORE (another chunk follows), bit 1 REKEY (§5); other bits 0
 *   3       2     chunk     chunk index within the message, from 0
 *   5       8     seq       MESSAGE: ≥ 1; ACK: 0
 *   13      8     ack       highest seq received in order from the peer (0 = none)
 *   21      …     body      this chunk's bytes of the message
 */
export const RECORD_VERSION = 1;

const KIND_MESSAGE = 0x01;
const KIND_ACK = 0x02;
const FLAG_MORE = 0x01;
const FLAG_REKEY = 0x02;
const KNOWN_FLAGS = FLAG_MORE | FLAG_REKEY;

export type RecordKind = 'message' | 'ack';

/** A decoded record. Named AppRecord because `Record` is TypeScript's built-in mapped type. */
export interface AppRecord {
  readonly kind: RecordKind;
  /** Another chunk of this message follows. */
  readonly more: boolean;
  /** The sender rekeys its sending key after this record; the receiver must follow (§5). */
  readonly rekey: boolean;
  readonly chunk: number;
  readonly seq: bigint;
  /** The sender's cumulative acknowledgement, carried by every record. */
  readonly ack: bigint;
  readonly body: Uint8Array;
}

/** The codes of §4.1, in the order the decoder checks them. */
export type RecordError =
  | 'record-short'
  | 'record-long'
  | 'record-version'
  | 'record-kind'
  | 'record-flags'
  | 'ack-shape'
  | 'seq-zero';

/** An ACK record: no message, just the sender's current `ack`. */
export function ackRecord(ack: bigint, rekey = false): AppRecord {
  return { kind: 'ack', more: false, rekey, chunk: 0, seq: 0n, ack, body: new Uint8Array(0) };
}

/** Decodes one decrypted Noise plaintext. The body is a copy, so the caller may reuse its buffer. */
export function decodeRecord(bytes: Uint8Array): Result<AppRecord, RecordError> {
  if (bytes.length < RECORD_HEADER_LENGTH) return fail('record-short');
  if (bytes.length > MAX_NOISE_PLAINTEXT) return fail('record-long');
  if (bytes[0] !== RECORD_VERSION) return fail('record-version');
  const kindByte = bytes[1];
  if (kindByte !== KIND_MESSAGE && kindByte !== KIND_ACK) return fail('record-kind');
  const flags = bytes[2] ?? 0;
  if ((flags & ~KNOWN_FLAGS) !== 0) return fail('record-flags');

  const record: AppRecord = {
    kind: kindByte === KIND_MESSAGE ? 'message' : 'ack',
    more: (flags & FLAG_MORE) !== 0,
    rekey: (flags & FLAG_REKEY) !== 0,
    chunk: readU16(bytes, 3),
    seq: readU64(bytes, 5),
    ack: readU64(bytes, 13),
    body: bytes.slice(RECORD_HEADER_LENGTH),
  };
  const shape = checkShape(record);
  return shape === null ? ok(record) : fail(shape);
}

/** Encodes a record; throws a ProtocolUsageError (with the decoder's code) for anything decodeRecord would refuse. */
export function encodeRecord(record: AppRecord): Bytes {
  if (!isU16(record.chunk)) throw invalidArgument('chunk is not a u16');
  if (!isU64(record.seq) || !isU64(record.ack)) throw invalidArgument('seq or ack is not a u64');
  if (record.body.length > MAX_BODY_PER_RECORD) {
    throw new ProtocolUsageError('record-long', `a record body is at most ${MAX_BODY_PER_RECORD} bytes, got ${record.body.length}`);
  }
  const shape = checkShape(record);
  if (shape !== null) throw new ProtocolUsageError(shape, `the decoder would refuse this record (${shape})`);

  const out = new Uint8Array(RECORD_HEADER_LENGTH + record.body.length);
  out[0] = RECORD_VERSION;
  out[1] = record.kind === 'message' ? KIND_MESSAGE : KIND_ACK;
  out[2] = (record.more ? FLAG_MORE : 0) | (record.rekey ? FLAG_REKEY : 0);
  writeU16(out, 3, record.chunk);
  writeU64(out, 5, record.seq);
  writeU64(out, 13, record.ack);
  out.set(record.body, RECORD_HEADER_LENGTH);
  return out;
}

/** The rules that need the decoded fields: ack-shape, then seq-zero. */
function checkShape(record: AppRecord): 'ack-shape' | 'seq-zero' | null {
  if (record.kind === 'ack') {
    const empty = record.seq === 0n && record.chunk === 0 && !record.more && record.body.length === 0;
    return empty ? null : 'ack-shape';
  }
  return record.seq === 0n ? 'seq-zero' : null;
}
