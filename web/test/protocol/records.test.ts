import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  ackRecord,
  decodeRecord,
  encodeRecord,
  MAX_BODY_PER_RECORD,
  ProtocolUsageError,
  U64_MAX,
  type AppRecord,
} from '../../src/protocol/index.js';

const message: AppRecord = { kind: 'message', more: false, rekey: false, chunk: 0, seq: 1n, ack: 0n, body: new Uint8Array([1, 2]) };

const refusesWith = (code: string) => (e: unknown) => e instanceof ProtocolUsageError && e.code === code;

describe('record encoder', () => {
  it('the encoder refuses what the decoder refuses', () => {
    const ack = ackRecord(5n);
    const cases: readonly [AppRecord, string][] = [
      [{ ...ack, seq: 1n }, 'ack-shape'],
      [{ ...ack, chunk: 1 }, 'ack-shape'],
      [{ ...ack, more: true }, 'ack-shape'],
      [{ ...ack, body: new Uint8Array(1) }, 'ack-shape'],
      [{ ...message, seq: 0n }, 'seq-zero'],
      [{ ...message, body: new Uint8Array(MAX_BODY_PER_RECORD + 1) }, 'record-long'],
    ];
    for (const [record, code] of cases) assert.throws(() => encodeRecord(record), refusesWith(code), code);
  });

  it('the encoder refuses fields outside their wire ranges', () => {
    for (const record of [
      { ...message, chunk: 65_536 },
      { ...message, chunk: -1 },
      { ...message, chunk: 1.5 },
      { ...message, seq: U64_MAX + 1n },
      { ...message, ack: -1n },
    ]) {
      assert.throws(() => encodeRecord(record), refusesWith('invalid-argument'));
    }
  });

  it('the largest body round-trips', () => {
    const record = { ...message, more: true, body: new Uint8Array(MAX_BODY_PER_RECORD).fill(7) };
    assert.deepEqual(decodeRecord(encodeRecord(record)), { ok: true, value: record });
  });

  it('an ACK record round-trips, with or without REKEY', () => {
    for (const record of [ackRecord(42n), ackRecord(U64_MAX, true)]) {
      assert.deepEqual(decodeRecord(encodeRecord(record)), { ok: true, value: record });
    }
  });
});

describe('record decoder', () => {
  it('the decoded body is a copy of the input bytes', () => {
    const bytes = encodeRecord(message);
    const decoded = decodeRecord(bytes);
    assert.ok(decoded.ok);
    bytes.fill(0xff);
    assert.deepEqual(decoded.value.body, new Uint8Array([1, 2]));
  });

  it('a decoded record with MORE and a short body is left to the reassembler', () => {
    // §4.1 has no rule for chunk length; §4.3 rule 4 refuses it with chunk-short.
    const decoded = decodeRecord(encodeRecord({ ...message, more: true }));
    assert.equal(decoded.ok, true);
  });
});
