import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decodeRecord, encodeRecord, MAX_BODY_PER_RECORD, type AppRecord, type RecordError, type RecordKind } from '../../src/protocol/index.js';
import { fromHex, loadVectors, toHex } from './support/vectors.js';

interface ValidCase {
  readonly name: string;
  readonly kind: RecordKind;
  readonly more: boolean;
  readonly rekey: boolean;
  readonly chunk: number;
  readonly seq: string;
  readonly ack: string;
  readonly body: string;
  readonly bytes: string;
}

interface InvalidCase {
  readonly name: string;
  readonly bytes: string;
  readonly error: RecordError;
}

const vectors = loadVectors<{ maxBodyPerRecord: number; valid: ValidCase[]; invalid: InvalidCase[] }>('records.json');

describe('records.json', () => {
  it('agrees on the body limit', () => {
    assert.equal(vectors.maxBodyPerRecord, MAX_BODY_PER_RECORD);
  });

  describe('valid', () => {
    assert.ok(vectors.valid.length > 0);
    for (const c of vectors.valid) {
      const fields: AppRecord = {
        kind: c.kind,
        more: c.more,
        rekey: c.rekey,
        chunk: c.chunk,
        seq: BigInt(c.seq),
        ack: BigInt(c.ack),
        body: fromHex(c.body),
      };

      it(`${c.name}: decodes bytes into fields`, () => {
        const decoded = decodeRecord(fromHex(c.bytes));
        assert.ok(decoded.ok, `refused with ${decoded.ok ? '' : decoded.error}`);
        assert.deepEqual({ ...decoded.value, body: toHex(decoded.value.body) }, { ...fields, body: c.body });
      });

      it(`${c.name}: encodes fields into bytes`, () => {
        assert.equal(toHex(encodeRecord(fields)), c.bytes);
      });
    }
  });

  describe('invalid', () => {
    assert.ok(vectors.invalid.length > 0);
    for (const c of vectors.invalid) {
      it(`${c.name} → ${c.error}`, () => {
        assert.deepEqual(decodeRecord(fromHex(c.bytes)), { ok: false, error: c.error });
      });
    }
  });
});
