import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  decodeRecord,
  encodeRecord,
  MAX_MESSAGE_BYTES,
  MAX_UNACKED_BYTES,
  OutboundLog,
  PER_MESSAGE_CHARGE,
  ProtocolUsageError,
  Reassembler,
  splitMessage,
  U64_MAX,
} from '../../src/protocol/index.js';
import { patternBytes } from './kat/pattern-bytes.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const isOutboundFull = (e: unknown): boolean => e instanceof ProtocolUsageError && e.code === 'outbound-full';

describe('OutboundLog', () => {
  it('holds the four largest messages with their charges, refuses even an empty fifth, and accepts again after an ack', () => {
    assert.equal(PER_MESSAGE_CHARGE, 64);
    assert.equal(MAX_UNACKED_BYTES, 4 * (4 * 1024 * 1024 + 64), 'docs/protocol.md §4.3');
    const log = new OutboundLog();
    const largest = new Uint8Array(MAX_MESSAGE_BYTES);
    for (let i = 0; i < 4; i++) log.append(largest);
    assert.equal(log.unackedBytes, MAX_UNACKED_BYTES);
    assert.equal(log.canAppend(0), false);
    assert.throws(() => log.append(bytes()), isOutboundFull);
    assert.equal(log.highestSent, 4n, 'a refused append takes no sequence number');
    assert.deepEqual(log.acknowledge(1n), { ok: true, value: 1 });
    assert.equal(log.canAppend(largest.length), true);
    assert.equal(log.append(bytes(1)).seq, 5n);
  });

  it('many empty messages are bounded by their charge', () => {
    const log = new OutboundLog();
    let accepted = 0;
    while (log.canAppend(0)) {
      log.append(bytes());
      accepted++;
    }
    assert.equal(accepted, MAX_UNACKED_BYTES / PER_MESSAGE_CHARGE);
    assert.equal(log.unackedBytes, MAX_UNACKED_BYTES);
    assert.throws(() => log.append(bytes()), isOutboundFull);
    assert.equal(log.highestSent, BigInt(accepted));
    // Releasing them gives the whole bound back.
    assert.deepEqual(log.acknowledge(BigInt(accepted)), { ok: true, value: accepted });
    assert.equal(log.unackedBytes, 0);
  });

  it('assigns sequence numbers from 1 in order', () => {
    const log = new OutboundLog();
    assert.equal(log.highestSent, 0n);
    assert.deepEqual([log.append(bytes(1)).seq, log.append(bytes(2)).seq, log.append(bytes(3)).seq], [1n, 2n, 3n]);
    assert.equal(log.highestSent, 3n);
  });

  it('keeps every message until the peer acknowledges it', () => {
    const log = new OutboundLog();
    log.append(bytes(1));
    log.append(bytes(2, 2));
    log.append(bytes(3, 3, 3));
    assert.equal(log.unackedCount, 3);
    assert.equal(log.unackedBytes, 6 + 3 * PER_MESSAGE_CHARGE);

    assert.deepEqual(log.acknowledge(2n), { ok: true, value: 2 });
    assert.equal(log.peerAck, 2n);
    assert.deepEqual(log.messagesToResend(), [{ seq: 3n, message: bytes(3, 3, 3) }]);
    assert.equal(log.unackedBytes, 3 + PER_MESSAGE_CHARGE);
  });

  it('an ack equal to the last one is accepted and releases nothing', () => {
    const log = new OutboundLog();
    log.append(bytes(1));
    assert.deepEqual(log.acknowledge(0n), { ok: true, value: 0 });
    assert.deepEqual(log.acknowledge(1n), { ok: true, value: 1 });
    assert.deepEqual(log.acknowledge(1n), { ok: true, value: 0 });
  });

  it('a decreasing ack is refused and changes nothing', () => {
    const log = new OutboundLog();
    log.append(bytes(1));
    log.append(bytes(2));
    assert.deepEqual(log.acknowledge(2n), { ok: true, value: 2 });
    assert.deepEqual(log.acknowledge(1n), { ok: false, error: 'ack-decreased' });
    assert.equal(log.peerAck, 2n);
  });

  it('an ack above the highest seq sent is refused and changes nothing', () => {
    const log = new OutboundLog();
    assert.deepEqual(log.acknowledge(1n), { ok: false, error: 'ack-ahead' });
    log.append(bytes(1));
    assert.deepEqual(log.acknowledge(2n), { ok: false, error: 'ack-ahead' });
    assert.equal(log.peerAck, 0n);
    assert.equal(log.unackedCount, 1);
  });

  it('after a reconnect it returns exactly the messages after the peer’s last ack, in order', () => {
    const log = new OutboundLog();
    for (let i = 1; i <= 5; i++) log.append(bytes(i));
    assert.equal(log.acknowledge(2n).ok, true);
    assert.deepEqual(
      log.messagesToResend().map((m) => m.seq),
      [3n, 4n, 5n],
    );
    // The list is a snapshot: acknowledging later does not change what the caller already holds.
    const snapshot = log.messagesToResend();
    assert.equal(log.acknowledge(4n).ok, true);
    assert.equal(snapshot.length, 3);
    assert.deepEqual(log.messagesToResend().map((m) => m.seq), [5n]);
  });

  it('a kept message does not change when the caller reuses its buffer', () => {
    const log = new OutboundLog();
    const message = bytes(1, 2, 3);
    log.append(message);
    message.fill(0);
    assert.deepEqual(log.messagesToResend()[0]?.message, bytes(1, 2, 3));
  });

  it('an ack that is not a u64 is a caller bug', () => {
    const log = new OutboundLog();
    assert.throws(() => log.acknowledge(U64_MAX + 1n), ProtocolUsageError);
  });

  it('a resend after a reconnect delivers every message exactly once', () => {
    const log = new OutboundLog();
    const receiver = new Reassembler();
    const messages = [patternBytes(10), patternBytes(70_000), patternBytes(3)];
    const sent = messages.map((m) => log.append(m));
    const wire = (seq: bigint, message: Uint8Array) =>
      splitMessage(message, seq, 0n).map((r) => {
        const decoded = decodeRecord(encodeRecord(r));
        assert.ok(decoded.ok);
        return decoded.value;
      });

    // First connection: message 1 arrives, message 2 is cut off after its first chunk.
    const delivered: Uint8Array[] = [];
    for (const r of [...wire(1n, messages[0]!), ...wire(2n, messages[1]!).slice(0, 1)]) {
      const out = receiver.accept(r);
      assert.ok(out.ok);
      if (out.value.kind === 'delivered') delivered.push(out.value.message);
    }
    assert.equal(receiver.delivered, 1n);

    // Reconnect. The sender has not seen an ack yet, so it resends all three; the receiver drops seq 1.
    receiver.reconnect();
    for (const m of log.messagesToResend()) {
      for (const r of wire(m.seq, m.message)) {
        const out = receiver.accept(r);
        assert.ok(out.ok);
        if (out.value.kind === 'delivered') delivered.push(out.value.message);
      }
    }
    assert.deepEqual(delivered, messages);
    assert.equal(log.acknowledge(receiver.delivered).ok, true);
    assert.deepEqual(log.messagesToResend(), []);
    assert.equal(sent.length, 3);
  });
});
