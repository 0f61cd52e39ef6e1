import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { WeakPublicKeyError } from '../src/noise/index.js';
import { wycheproofX25519File } from './support/paths.js';
import { derive, isZeroSharedSecret, wycheproofCases } from './vectors/wycheproof.js';

const cases = wycheproofCases(JSON.parse(readFileSync(wycheproofX25519File, 'utf8')));

describe('X25519 against Wycheproof', () => {
  test('every valid case gives the expected shared secret', async () => {
    const valid = cases.filter((c) => c.result === 'valid');
    assert.ok(valid.length > 200);
    for (const c of valid) assert.equal(await derive(c), c.shared, `tcId ${c.tcId}`);
  });

  test('every low-order public key (ZeroSharedSecret) is refused with WeakPublicKeyError', async () => {
    const zero = cases.filter(isZeroSharedSecret);
    assert.ok(zero.length > 20);
    for (const c of zero) await assert.rejects(derive(c), WeakPublicKeyError, `tcId ${c.tcId}`);
  });

  test('every other acceptable case (twist, non-canonical points) gives the expected shared secret', async () => {
    const acceptable = cases.filter((c) => c.result === 'acceptable' && !isZeroSharedSecret(c));
    for (const c of acceptable) assert.equal(await derive(c), c.shared, `tcId ${c.tcId}`);
  });
});
