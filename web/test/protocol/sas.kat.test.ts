import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { computeSas } from '../../src/protocol/index.js';
import { fromHex, loadVectors } from './support/vectors.js';

interface SasCase {
  readonly handshakeHash: string;
  readonly sas: string;
  readonly note?: string;
}

const vectors = loadVectors<{ cases: SasCase[] }>('sas.json');

describe('sas.json', () => {
  assert.ok(vectors.cases.length > 0);
  vectors.cases.forEach((c, i) => {
    it(`case ${i}: ${c.note ?? c.handshakeHash.slice(0, 16)} → ${c.sas}`, async () => {
      assert.equal(await computeSas(fromHex(c.handshakeHash)), c.sas);
    });
  });
});
