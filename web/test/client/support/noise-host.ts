import { generateKeyPair, type KeyPair } from '../../../src/noise/dh25519.js';
import { HandshakeState } from '../../../src/noise/handshake-state.js';
import type { Transport } from '../../../src/noise/transport.js';
import { splitMessage } from '../../../src/protocol/chunker.js';
import { ackRecord, decodeRecord, encodeRecord, type AppRecord } from '../../../src/protocol/records.js';
import type { Bytes } from '../../../src/shared/bytes.js';
import { sessionPrologue } from '../../../src/client/session/handshake-payload.js';

/**
 * The host's half of a session, just enough for unit tests of the device's state machine (the
 * interop test uses the real C# host). It answers message 1 as the test says and seals records.
 */
export class NoiseHost {
  transport: Transport | null = null;
  requested: Bytes | null = null;
  #nextSeq = 1n;

  private constructor(readonly keys: KeyPair, readonly channelId: Bytes) {}

  static async create(channelId: Bytes): Promise<NoiseHost> {
    return new NoiseHost(await generateKeyPair(), channelId);
  }

  /** Reads message 1 and answers with `stream` (resumed or not); returns message 2. */
  async answer(message1: Uint8Array, stream: Uint8Array, resumed: boolean): Promise<Bytes> {
    const hs = await HandshakeState.create({ protocol: 'Noise_IK_25519_AESGCM_SHA256', initiator: false, prologue: sessionPrologue(this.channelId), staticKeyPair: this.keys });
    const payload = await hs.readMessage(message1);
    this.requested = payload.slice(1);
    const second = new Uint8Array(18);
    second[0] = 1;
    second.set(stream, 1);
    second[17] = resumed ? 1 : 0;
    const message2 = await hs.writeMessage(second);
    this.transport = hs.split();
    return message2;
  }

  /** A message as its records, sealed; `seq` defaults to the next one. */
  async seal(json: string, ack = 0n, seq?: bigint): Promise<Bytes[]> {
    const s = seq ?? this.#nextSeq++;
    const out: Bytes[] = [];
    for (const record of splitMessage(new TextEncoder().encode(json), s, ack)) out.push(await this.transport!.encrypt(encodeRecord(record)));
    return out;
  }

  async sealAck(ack: bigint): Promise<Bytes> {
    return this.transport!.encrypt(encodeRecord(ackRecord(ack)));
  }

  async open(payload: Uint8Array): Promise<AppRecord> {
    const record = decodeRecord(await this.transport!.decrypt(payload));
    if (!record.ok) throw new Error(record.error);
    return record.value;
  }
}
