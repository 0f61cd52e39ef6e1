import { OutboundLog } from '../../protocol/outbound-log.js';
import { Reassembler } from '../../protocol/reassembler.js';
import type { Bytes } from '../../shared/bytes.js';
import type { StreamRecord } from '../storage/store.js';
import { seededOutboundLog, seededReassembler } from './seeded-state.js';

/**
 * One stream's record state in memory (§9.2): it outlives sessions, and is replaced, never reset,
 * when the stream ends. `saved` is the highest seq received whose message is in storage: the only
 * ack this device ever sends, so the host never forgets a message a reload would not have.
 */
export class StreamState {
  constructor(
    public id: Bytes | null,
    public log: OutboundLog,
    public reassembler: Reassembler,
    public saved: bigint,
  ) {}

  static fresh(id: Bytes | null): StreamState {
    return new StreamState(id, new OutboundLog(), new Reassembler(), 0n);
  }

  static restore(record: StreamRecord): StreamState {
    return new StreamState(record.streamId, seededOutboundLog(record.peerAck, record.outbound), seededReassembler(record.delivered), record.delivered);
  }

  /** For a new session: a reassembler that failed is rebuilt at `saved`; one in good order drops its partial message. */
  prepareForSession(): void {
    if (this.reassembler.error !== null) this.reassembler = seededReassembler(this.saved);
    else this.reassembler.reconnect();
  }

  /** What storage keeps, with `delivered` as given (the seq about to be saved). */
  toRecord(delivered: bigint): StreamRecord {
    return { streamId: this.id, delivered, peerAck: this.log.peerAck, outbound: this.log.messagesToResend().map((m) => ({ seq: m.seq, message: m.message })) };
  }
}
