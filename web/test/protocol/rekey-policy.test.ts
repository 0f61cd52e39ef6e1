import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DEFAULT_REKEY_OPTIONS, ProtocolUsageError, RekeyPolicy, validateRekeyOptions } from '../../src/protocol/index.js';

describe('RekeyPolicy', () => {
  it('missing options take their defaults', () => {
    assert.deepEqual({ ...new RekeyPolicy({ maxRecords: 5 }).options }, { maxRecords: 5, maxAgeSeconds: DEFAULT_REKEY_OPTIONS.maxAgeSeconds });
  });

  it('validation reports every bad option, not just the first', () => {
    assert.equal(validateRekeyOptions({ maxRecords: 0, maxAgeSeconds: 3601 }).length, 2);
    assert.throws(
      () => new RekeyPolicy({ maxRecords: 0, maxAgeSeconds: 3601 }),
      (e: unknown) => e instanceof ProtocolUsageError && e.message.includes('maxRecords') && e.message.includes('maxAgeSeconds'),
    );
  });

  it('non-integer options are refused', () => {
    for (const options of [{ maxRecords: 1.5 }, { maxAgeSeconds: Number.NaN }, { maxRecords: Number.POSITIVE_INFINITY }]) {
      assert.throws(() => new RekeyPolicy(options), ProtocolUsageError);
    }
  });

  it('the boundaries of the allowed ranges are accepted', () => {
    assert.doesNotThrow(() => new RekeyPolicy({ maxRecords: 1, maxAgeSeconds: 1 }));
    assert.doesNotThrow(() => new RekeyPolicy({ maxRecords: 1_000_000, maxAgeSeconds: 3_600 }));
  });

  it('negative or fractional counts are caller bugs', () => {
    const policy = new RekeyPolicy();
    for (const [records, seconds] of [[-1, 0], [0, -1], [0.5, 0], [0, 1.5]] as const) {
      assert.throws(() => policy.shouldRekey(records, seconds), ProtocolUsageError);
    }
  });

  it('no key encrypts more than maxRecords records', () => {
    const policy = new RekeyPolicy({ maxRecords: 3 });
    let n = 0;
    const perKey: number[] = [];
    for (let record = 0; record < 10; record++) {
      const rekey = policy.shouldRekey(n, 0);
      n++;
      if (rekey) {
        perKey.push(n);
        n = 0;
      }
    }
    assert.deepEqual(perKey, [3, 3, 3]);
  });
});
