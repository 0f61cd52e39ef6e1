import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DEFAULT_REKEY_OPTIONS, ProtocolUsageError, RekeyPolicy, type RekeyOptions } from '../../src/protocol/index.js';
import { loadVectors } from './support/vectors.js';

interface PolicyCase extends RekeyOptions {
  readonly records: number;
  readonly seconds: number;
  readonly rekey: boolean;
}

// The file's `rekey` array (Noise Rekey() of a key) belongs to the Noise layer's tests.
const vectors = loadVectors<{ defaults: RekeyOptions; policy: PolicyCase[]; invalidOptions: RekeyOptions[] }>('rekey.json');

describe('rekey.json', () => {
  it('defaults match the defaults of the options', () => {
    assert.deepEqual({ ...DEFAULT_REKEY_OPTIONS }, vectors.defaults);
    assert.deepEqual({ ...new RekeyPolicy().options }, vectors.defaults);
  });

  describe('policy', () => {
    assert.ok(vectors.policy.length > 0);
    for (const c of vectors.policy) {
      const name = `maxRecords ${c.maxRecords}, maxAgeSeconds ${c.maxAgeSeconds}: shouldRekey(${c.records}, ${c.seconds}) = ${c.rekey}`;
      it(name, () => {
        const policy = new RekeyPolicy({ maxRecords: c.maxRecords, maxAgeSeconds: c.maxAgeSeconds });
        assert.equal(policy.shouldRekey(c.records, c.seconds), c.rekey);
      });
    }
  });

  describe('invalidOptions', () => {
    assert.ok(vectors.invalidOptions.length > 0);
    for (const c of vectors.invalidOptions) {
      it(`refuses maxRecords ${c.maxRecords}, maxAgeSeconds ${c.maxAgeSeconds}`, () => {
        assert.throws(() => new RekeyPolicy(c), (e: unknown) => e instanceof ProtocolUsageError && e.code === 'invalid-argument');
      });
    }
  });
});
