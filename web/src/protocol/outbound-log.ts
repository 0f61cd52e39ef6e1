import type { Bytes } from '../shared/bytes.js';
import { isU64, U64_MAX } from './binary.js';
import { ProtocolUsageError } from './errors.js';
import { MAX_MESSAGE_BYTES, MAX_UNACKED_BYTES, PER_MESSAGE_CHARGE } from './limits.js';
import { fail, ok, type Result } from './result.js';

/**
 * Refusals of a peer's `ack` (docs/protocol.md §4.3: "ack values from a peer never decrease and
 * never exceed the highest seq sent; a violation drops the connection").
 */
export type AckError = 'ack-decreased' | 'ack-ahead';

export interface OutboundMessage {
  readonly seq: bigint;
  readonly message: Bytes;
}

/**
 * The sending side of §4.3: assigns sequence numbers from 1 and keeps every message until the
 * peer's cumulative `ack` covers it, so that after a reconnect (a new Noise session) exactly the
 * unacknowledged messages are sent again, each from chunk 0. One per peer, kept across reconnects.
 *
 * It never drops (that would lose messages) and holds at most MAX_UNACKED_BYTES, each message
 * counting its length plus PER_MESSAGE_CHARGE: past that the caller waits for acknowledgements
 * (`canAppend` is false) and `append` refuses with `outbound-full`.
 */
export class OutboundLog {
  #nextSeq = 1n;
  #peerAck = 0n;
  /** Ascending by seq; every entry has seq > #peerAck. */
  #unacked: OutboundMessage[] = [];
  #unackedBytes = 0;

  /** The highest seq handed out so far (0 before the first message). */
  get highestSent(): bigint {
    return this.#nextSeq - 1n;
  }

  /** The peer's latest cumulative acknowledgement (0 = none). */
  get peerAck(): bigint {
    return this.#peerAck;
  }

  get unackedCount(): number {
    return this.#unacked.length;
  }

  /** The bytes charged for the kept messages: their lengths plus PER_MESSAGE_CHARGE each. */
  get unackedBytes(): number {
    return this.#unackedBytes;
  }

  /** Whether a message of this many bytes, with its charge, fits under MAX_UNACKED_BYTES now. */
  canAppend(byteLength: number): boolean {
    return this.#unackedBytes + charge(byteLength) <= MAX_UNACKED_BYTES;
  }

  /**
   * Assigns the next seq to `message` and keeps a copy until it is acknowledged. Chunk the returned
   * message with splitMessage. Throws `message-too-large` over 4 MiB (the caller truncates first).
   */
  append(message: Uint8Array): OutboundMessage {
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new ProtocolUsageError('message-too-large', `a message is at most ${MAX_MESSAGE_BYTES} bytes, got ${message.length}`);
    }
    if (!this.canAppend(message.length)) {
      throw new ProtocolUsageError('outbound-full', 'wait for acknowledgements before sending more');
    }
    // Sequence numbers never wrap (§4.3); 2^64−1 messages will not happen, but must not alias seq 0.
    if (this.#nextSeq > U64_MAX) throw new ProtocolUsageError('seq-exhausted', 'every u64 sequence number has been used');
    const entry: OutboundMessage = { seq: this.#nextSeq, message: new Uint8Array(message) };
    this.#nextSeq++;
    this.#unacked.push(entry);
    this.#unackedBytes += charge(entry.message.length);
    return entry;
  }

  /**
   * Takes the `ack` field of a record from the peer (every record carries one) and forgets the
   * messages it covers. Returns how many were released. On a violation nothing changes and the
   * caller must drop the connection.
   */
  acknowledge(ack: bigint): Result<number, AckError> {
    if (!isU64(ack)) throw new ProtocolUsageError('invalid-argument', 'ack is not a u64');
    if (ack < this.#peerAck) return fail('ack-decreased');
    if (ack > this.highestSent) return fail('ack-ahead');
    this.#peerAck = ack;

    let released = 0;
    for (const entry of this.#unacked) {
      if (entry.seq > ack) break;
      this.#unackedBytes -= charge(entry.message.length);
      released++;
    }
    if (released > 0) this.#unacked = this.#unacked.slice(released);
    return ok(released);
  }

  /**
   * What to send again, in order, after a reconnect: every message after the peer's last `ack`.
   * Take the new session's first `ack` from the peer first if it has arrived, so nothing it already
   * has is resent (resends it does have are harmless: its receiver counts them as duplicates).
   */
  messagesToResend(): readonly OutboundMessage[] {
    return [...this.#unacked];
  }
}

/** What one kept message counts against MAX_UNACKED_BYTES. */
function charge(byteLength: number): number {
  return byteLength + PER_MESSAGE_CHARGE;
}
