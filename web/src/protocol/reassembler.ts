import { concatBytes, type Bytes } from '../shared/bytes.js';
import { ProtocolUsageError } from './errors.js';
import { MAX_BODY_PER_RECORD, MAX_MESSAGE_BYTES } from './limits.js';
import type { AppRecord } from './records.js';
import { fail, ok, type Result } from './result.js';

/** The codes of docs/protocol.md §4.3, in the order the rules are checked. */
export type ReassemblyError = 'seq-mismatch' | 'seq-gap' | 'chunk-order' | 'chunk-short' | 'message-too-large';

export type ReassemblyOutcome =
  /** A chunk with MORE: appended, the message stays in progress. */
  | { readonly kind: 'buffered' }
  /** The last chunk of a new message: the whole message for the application. */
  | { readonly kind: 'delivered'; readonly seq: bigint; readonly message: Bytes }
  /** A chunk of a message delivered before (a resend after a reconnect): checked, then dropped. */
  | { readonly kind: 'duplicate'; readonly seq: bigint }
  /** An ACK record: nothing to deliver; its `ack` is the peer's cumulative acknowledgement. */
  | { readonly kind: 'ack'; readonly ack: bigint };

interface InProgress {
  readonly seq: bigint;
  nextChunk: number;
  size: number;
  /** Null for a duplicate, whose bytes are counted (rule 5) but not kept. */
  readonly parts: Uint8Array[] | null;
}

/**
 * The receiving side of §4.3: one per peer, kept across reconnects (so `delivered` survives and a
 * resent message is not delivered twice), with at most one message in progress, so the buffer is
 * bounded by 4 MiB. After an error the connection must drop and this receiver is never used again:
 * every later call throws, so a caller that forgets cannot deliver anything past a bad record.
 */
export class Reassembler {
  #delivered = 0n;
  #inProgress: InProgress | null = null;
  #duplicates = 0;
  #error: ReassemblyError | null = null;

  /** The highest seq delivered to the application; the `ack` to send the peer. */
  get delivered(): bigint {
    return this.#delivered;
  }

  /** Duplicate records seen (each chunk counts), for diagnostics of resends. */
  get duplicates(): number {
    return this.#duplicates;
  }

  /** The error that made this receiver unusable, or null. */
  get error(): ReassemblyError | null {
    return this.#error;
  }

  accept(record: AppRecord): Result<ReassemblyOutcome, ReassemblyError> {
    this.#throwIfFailed();
    if (record.kind === 'ack') return ok({ kind: 'ack', ack: record.ack });

    const error = this.#check(record);
    if (error !== null) {
      this.#error = error;
      this.#inProgress = null; // drop the partial message now rather than hold 4 MiB until GC
      return fail(error);
    }

    const duplicate = record.seq <= this.#delivered;
    const current: InProgress = this.#inProgress ?? { seq: record.seq, nextChunk: 0, size: 0, parts: duplicate ? null : [] };
    current.nextChunk++;
    current.size += record.body.length;
    // A copy: the caller may reuse the buffer the record was decoded from.
    current.parts?.push(record.body.slice());

    if (record.more) this.#inProgress = current;
    else this.#inProgress = null;

    if (duplicate) {
      this.#duplicates++;
      return ok({ kind: 'duplicate', seq: record.seq });
    }
    if (record.more) return ok({ kind: 'buffered' });
    this.#delivered = record.seq;
    return ok({ kind: 'delivered', seq: record.seq, message: concatBytes(...(current.parts ?? [])) });
  }

  /**
   * Call when a new Noise session replaces the connection: the peer resends every unacknowledged
   * message from chunk 0, so a partial message from the old connection is dropped. `delivered` is kept.
   */
  reconnect(): void {
    this.#throwIfFailed();
    this.#inProgress = null;
  }

  /** Rules 1–5 of §4.3, in order; duplicates are checked like any other record. */
  #check(record: AppRecord): ReassemblyError | null {
    const current = this.#inProgress;
    if (current !== null && record.seq !== current.seq) return 'seq-mismatch';
    if (current === null && record.seq > this.#delivered + 1n) return 'seq-gap';
    if (record.chunk !== (current?.nextChunk ?? 0)) return 'chunk-order';
    if (record.more && record.body.length !== MAX_BODY_PER_RECORD) return 'chunk-short';
    if ((current?.size ?? 0) + record.body.length > MAX_MESSAGE_BYTES) return 'message-too-large';
    return null;
  }

  #throwIfFailed(): void {
    if (this.#error !== null) {
      throw new ProtocolUsageError('receiver-failed', `this receiver failed with ${this.#error} and must not be used again`);
    }
  }
}
