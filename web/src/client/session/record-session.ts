import type { Transport } from '../../noise/transport.js';
import type { OutboundLog } from '../../protocol/outbound-log.js';
import type { Reassembler, ReassemblyOutcome } from '../../protocol/reassembler.js';
import { decodeRecord, encodeRecord, type AppRecord } from '../../protocol/records.js';
import type { RekeyPolicy } from '../../protocol/rekey-policy.js';
import type { Bytes } from '../../shared/bytes.js';
import type { Clock } from '../clock.js';

/** Why a record was refused: which security event it is (§9.6), and the protocol's code. */
export type RecordFault = { readonly fault: 'undecryptable' | 'rule' | 'ack'; readonly code: string };

export type OpenResult = { readonly ok: true; readonly outcome: ReassemblyOutcome } | ({ readonly ok: false } & RecordFault);

/**
 * One Noise session's records (docs/protocol.md §4, §5), as RecordSession in C#: seals records under
 * the rekey policy, and opens the host's, checking them, taking their acks and reassembling. Made
 * after each handshake and thrown away with it; the stream's log and reassembler outlive it.
 * The caller runs one operation at a time (nonces must go in order).
 */
export class RecordSession {
  readonly #transport: Transport;
  readonly #rekey: RekeyPolicy;
  readonly #clock: Clock;
  #sentUnderKey = 0;
  #keySetAt: number;

  constructor(transport: Transport, rekey: RekeyPolicy, clock: Clock) {
    this.#transport = transport;
    this.#rekey = rekey;
    this.#clock = clock;
    this.#keySetAt = clock.now();
  }

  /** Encodes and encrypts one record, setting REKEY and rekeying after it when the policy says so (§5). */
  async seal(record: AppRecord): Promise<Bytes> {
    const seconds = Math.max(0, Math.floor((this.#clock.now() - this.#keySetAt) / 1000));
    const rekey = this.#rekey.shouldRekey(this.#sentUnderKey, seconds);
    const sealed = await this.#transport.encrypt(encodeRecord(rekey ? { ...record, rekey: true } : record));
    if (rekey) {
      await this.#transport.rekeySend();
      this.#sentUnderKey = 0;
      this.#keySetAt = this.#clock.now();
    } else {
      this.#sentUnderKey++;
    }
    return sealed;
  }

  /**
   * Decrypts and checks one Noise message from the host, hands its ack to `log` and reassembles.
   * A failure poisons this session: the caller drops it and delivers nothing of it.
   */
  async open(noiseMessage: Uint8Array, log: OutboundLog, reassembler: Reassembler): Promise<OpenResult> {
    let plaintext: Bytes;
    try {
      plaintext = await this.#transport.decrypt(noiseMessage);
    } catch {
      return { ok: false, fault: 'undecryptable', code: 'decrypt' };
    }
    const record = decodeRecord(plaintext);
    if (!record.ok) return { ok: false, fault: 'rule', code: record.error };
    if (record.value.rekey) await this.#transport.rekeyReceive();
    const acked = log.acknowledge(record.value.ack);
    if (!acked.ok) return { ok: false, fault: 'ack', code: acked.error };
    const outcome = reassembler.accept(record.value);
    return outcome.ok ? { ok: true, outcome: outcome.value } : { ok: false, fault: 'rule', code: outcome.error };
  }
}
