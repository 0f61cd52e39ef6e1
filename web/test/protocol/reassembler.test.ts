import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ackRecord, MAX_BODY_PER_RECORD, ProtocolUsageError, Reassembler, splitMessage, type AppRecord } from '../../src/protocol/index.js';
import { patternBytes } from './kat/pattern-bytes.js';

const failed = (e: unknown) => e instanceof ProtocolUsageError && e.code === 'receiver-failed';

function single(seq: bigint, body = new Uint8Array([1])): AppRecord {
  return { kind: 'message', more: false, rekey: false, chunk: 0, seq, ack: 0n, body };
}

describe('Reassembler', () => {
  it('a receiver is unusable after an error', () => {
    const receiver = new Reassembler();
    assert.deepEqual(receiver.accept(single(2n)), { ok: false, error: 'seq-gap' });
    assert.equal(receiver.error, 'seq-gap');
    // Not even a valid next message or an ACK gets through once the connection should have dropped.
    assert.throws(() => receiver.accept(single(1n)), failed);
    assert.throws(() => receiver.accept(ackRecord(0n)), failed);
    assert.throws(() => receiver.reconnect(), failed);
    assert.equal(receiver.delivered, 0n);
  });

  it('an error in the middle of a message delivers none of it', () => {
    const receiver = new Reassembler();
    const [first] = splitMessage(patternBytes(MAX_BODY_PER_RECORD + 1), 1n, 0n);
    assert.ok(first !== undefined);
    assert.deepEqual(receiver.accept(first), { ok: true, value: { kind: 'buffered' } });
    assert.deepEqual(receiver.accept(single(1n)), { ok: false, error: 'chunk-order' });
    assert.throws(() => receiver.accept({ ...single(1n), chunk: 1 }), failed);
  });

  it('after a reconnect a partial message is dropped and its resend from chunk 0 is delivered once', () => {
    const receiver = new Reassembler();
    const message = patternBytes(MAX_BODY_PER_RECORD * 2 + 5);
    const records = splitMessage(message, 1n, 0n);
    assert.equal(records.length, 3);
    assert.equal(receiver.accept(records[0]!).ok, true);
    assert.equal(receiver.accept(records[1]!).ok, true);

    receiver.reconnect();
    assert.equal(receiver.accept(records[0]!).ok, true);
    assert.equal(receiver.accept(records[1]!).ok, true);
    const last = receiver.accept(records[2]!);
    assert.ok(last.ok && last.value.kind === 'delivered');
    assert.deepEqual(last.value.message, message);
    assert.equal(receiver.delivered, 1n);
  });

  it('delivered survives a reconnect, so a resent message is a duplicate', () => {
    const receiver = new Reassembler();
    assert.equal(receiver.accept(single(1n)).ok, true);
    receiver.reconnect();
    assert.deepEqual(receiver.accept(single(1n)), { ok: true, value: { kind: 'duplicate', seq: 1n } });
    assert.equal(receiver.duplicates, 1);
    assert.equal(receiver.delivered, 1n);
  });

  it('a delivered message does not change when the caller reuses its buffers', () => {
    const receiver = new Reassembler();
    const body = new Uint8Array([1, 2, 3]);
    const result = receiver.accept(single(1n, body));
    body.fill(0);
    assert.ok(result.ok && result.value.kind === 'delivered');
    assert.deepEqual(result.value.message, new Uint8Array([1, 2, 3]));
  });

  it('the largest sequence number is delivered without overflow', () => {
    const receiver = new Reassembler();
    // Reaching 2^64-1 in order is impossible in a test, so this checks the gap rule's arithmetic only.
    assert.deepEqual(receiver.accept(single(18_446_744_073_709_551_615n)), { ok: false, error: 'seq-gap' });
  });
});
