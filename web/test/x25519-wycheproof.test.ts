import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { dh, fromHex, importPrivateKey, toHex, WeakPublicKeyError } from '../src/noise/index.js';
import { wycheproofX25519File } from './support/paths.js';

interface WycheproofCase {
  readonly tcId: number;
  readonly flags: readonly string[];
  readonly public: string;
  readonly private: string;
  readonly shared: string;
  readonly result: 'valid' | 'acceptable' | 'invalid';
}

const file = JSON.parse(readFileSync(wycheproofX25519File, 'utf8')) as { testGroups: { tests: WycheproofCase[] }[] };
const cases = file.testGroups.flatMap((group) => group.tests);

async function derive(c: WycheproofCase): Promise<string> {
  const { privateKey } = await importPrivateKey(fromHex(c.private));
  return toHex(await dh(privateKey, fromHex(c.public)));
}

describe('X25519 against Wycheproof', () => {
  test('every valid case gives the expected shared secret', async () => {
    const valid = cases.filter((c) => c.result === 'valid');
    assert.ok(valid.length > 200);
    for (const c of valid) assert.equal(await derive(c), c.shared, `tcId ${c.tcId}`);
  });

  test('every low-order public key (ZeroSharedSecret) is refused with WeakPublicKeyError', async () => {
    const zero = cases.filter((c) => c.flags.includes('ZeroSharedSecret'));
    assert.ok(zero.length > 20);
    for (const c of zero) await assert.rejects(derive(c), WeakPublicKeyError, `tcId ${c.tcId}`);
  });

  test('every other acceptable case (twist, non-canonical points) gives the expected shared secret', async () => {
    const acceptable = cases.filter((c) => c.result === 'acceptable' && !c.flags.includes('ZeroSharedSecret'));
    for (const c of acceptable) assert.equal(await derive(c), c.shared, `tcId ${c.tcId}`);
  });
});
