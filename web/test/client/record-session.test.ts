import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RecordSession } from '../../src/client/session/record-session.js';
import { seededOutboundLog, seededReassembler } from '../../src/client/session/seeded-state.js';
import { generateKeyPair } from '../../src/noise/dh25519.js';
import { HandshakeState } from '../../src/noise/handshake-state.js';
import type { Transport } from '../../src/noise/transport.js';
import { OutboundLog } from '../../src/protocol/outbound-log.js';
import { Reassembler } from '../../src/protocol/reassembler.js';
import { decodeRecord } from '../../src/protocol/records.js';
import { RekeyPolicy } from '../../src/protocol/rekey-policy.js';
import { FakeClock } from './support/fake-clock.js';

async function transports(): Promise<[Transport, Transport]> {
  const host = await generateKeyPair();
  const device = await generateKeyPair();
  const protocol = 'Noise_IK_25519_AESGCM_SHA256';
  const initiator = await HandshakeState.create({ protocol, initiator: true, staticKeyPair: device, remoteStaticKey: host.publicKey });
  const responder = await HandshakeState.create({ protocol, initiator: false, staticKeyPair: host });
  await responder.readMessage(await initiator.writeMessage());
  await initiator.readMessage(await responder.writeMessage());
  return [initiator.split(), responder.split()];
}

const message = (seq: bigint, text: string) => ({ kind: 'message' as const, more: false, rekey: false, chunk: 0, seq, ack: 0n, body: new TextEncoder().encode(text) });

describe('record sessions (docs/protocol.md §4, §5)', () => {
  it('sets REKEY on every maxRecords-th record and rekeys after it; the receiver follows', async () => {
    const clock = new FakeClock();
    const [a, b] = await transports();
    const sender = new RecordSession(a, new RekeyPolicy({ maxRecords: 2 }), clock);
    const flags: boolean[] = [];
    for (let seq = 1n; seq <= 5n; seq++) {
      const record = decodeRecord(await b.decrypt(await sender.seal(message(seq, `m${seq}`))));
      assert.ok(record.ok);
      flags.push(record.value.rekey);
      if (record.value.rekey) await b.rekeyReceive();
    }
    assert.deepEqual(flags, [false, true, false, true, false], 'shouldRekey(n, t) = n + 1 >= 2');

    const [c, d] = await transports();
    const rekeying = new RecordSession(c, new RekeyPolicy({ maxRecords: 2 }), clock);
    const receiver = new RecordSession(d, new RekeyPolicy(), clock);
    const reassembler = new Reassembler();
    for (let seq = 1n; seq <= 5n; seq++) assert.ok((await receiver.open(await rekeying.seal(message(seq, 'x')), new OutboundLog(), reassembler)).ok);
    assert.equal(reassembler.delivered, 5n, 'RecordSession.open follows every REKEY');
  });

  it('rekeys when the key is older than maxAgeSeconds', async () => {
    const clock = new FakeClock();
    const [a, b] = await transports();
    const sender = new RecordSession(a, new RekeyPolicy({ maxAgeSeconds: 60 }), clock);
    const receiver = new RecordSession(b, new RekeyPolicy(), clock);
    const reassembler = new Reassembler();
    assert.ok((await receiver.open(await sender.seal(message(1n, 'a')), new OutboundLog(), reassembler)).ok);
    await clock.advance(61_000);
    assert.ok((await receiver.open(await sender.seal(message(2n, 'b')), new OutboundLog(), reassembler)).ok);
    assert.ok((await receiver.open(await sender.seal(message(3n, 'c')), new OutboundLog(), reassembler)).ok, 'the receiver followed the rekey');
  });

  it('refuses a replayed record, an impossible ack and a gap, each as its own fault', async () => {
    const clock = new FakeClock();
    const [a, b] = await transports();
    const sender = new RecordSession(a, new RekeyPolicy(), clock);
    const sealed = await sender.seal(message(1n, 'x'));
    const receiver = new RecordSession(b, new RekeyPolicy(), clock);
    assert.ok((await receiver.open(sealed, new OutboundLog(), new Reassembler())).ok);
    assert.deepEqual(await receiver.open(sealed, new OutboundLog(), new Reassembler()), { ok: false, fault: 'undecryptable', code: 'decrypt' });

    const [c, d] = await transports();
    const ahead = await new RecordSession(c, new RekeyPolicy(), clock).seal({ ...message(1n, 'x'), ack: 3n });
    assert.deepEqual(await new RecordSession(d, new RekeyPolicy(), clock).open(ahead, new OutboundLog(), new Reassembler()), { ok: false, fault: 'ack', code: 'ack-ahead' });

    const [e, f] = await transports();
    const gap = await new RecordSession(e, new RekeyPolicy(), clock).seal(message(3n, 'x'));
    assert.deepEqual(await new RecordSession(f, new RekeyPolicy(), clock).open(gap, new OutboundLog(), new Reassembler()), { ok: false, fault: 'rule', code: 'seq-gap' });
  });
});

describe('record state restored after a reload', () => {
  it('a seeded reassembler has the saved delivered seq and takes the next message', () => {
    const r = seededReassembler(41n);
    assert.equal(r.delivered, 41n);
    const next = r.accept(message(42n, 'n'));
    assert.ok(next.ok && next.value.kind === 'delivered');
    const old = r.accept(message(41n, 'o'));
    assert.ok(old.ok && old.value.kind === 'duplicate');
  });

  it('a seeded outbound log continues the numbering and keeps the unacknowledged messages', () => {
    const kept = [{ seq: 251_001n, message: Uint8Array.of(1) }, { seq: 251_002n, message: Uint8Array.of(2) }];
    const log = seededOutboundLog(251_000n, kept);
    assert.equal(log.peerAck, 251_000n);
    assert.deepEqual(log.messagesToResend().map((m) => m.seq), [251_001n, 251_002n]);
    assert.equal(log.append(Uint8Array.of(3)).seq, 251_003n);
    assert.deepEqual(log.acknowledge(251_002n), { ok: true, value: 2 });
    assert.throws(() => seededOutboundLog(5n, [{ seq: 7n, message: Uint8Array.of(1) }]), /contiguous/);
  });
});
