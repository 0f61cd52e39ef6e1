/**
 * The Node-free checks of test/vectors/kat.ts replace node:assert in every known-answer case, so
 * they must fail where assert would: a check that cannot fail would pass every KAT.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProtocolUsageError } from '../src/protocol/index.js';
import { expectEqual, expectOk, expectThrows, formatTally, KatMismatch, nonEmpty, same, show, tally } from './vectors/kat.js';

describe('known-answer checks', () => {
  test('same() compares bigints by value and type, bytes by content, objects in any key order', () => {
    assert.equal(same(5n, 5n), true);
    assert.equal(same(5n, 5), false);
    assert.equal(same(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
    assert.equal(same(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
    assert.equal(same(new Uint8Array([1, 2]), [1, 2]), false);
    assert.equal(same({ a: 1, b: [2n] }, { b: [2n], a: 1 }), true);
    assert.equal(same({ a: 1 }, { a: 1, b: undefined }), false);
    assert.equal(same({ ok: false, error: 'x' }, { ok: false, error: 'y' }), false);
  });

  test('a mismatch throws KatMismatch and names what differed, with long bytes shortened', () => {
    assert.throws(() => expectEqual(1n, 2n, 'seq'), (e: unknown) => e instanceof KatMismatch && e.message === 'seq: got "1n", expected "2n"');
    assert.match(show(new Uint8Array(1000)), /^"hex:(00){32}… \(1000 bytes\)"$/);
    assert.throws(() => expectOk({ ok: false, error: 'record-short' }, 'decode'), /decode: refused with record-short/);
    assert.equal(expectOk({ ok: true, value: 7 }, 'decode'), 7);
  });

  test('expectThrows needs the exact code', () => {
    const bug = (): never => {
      throw new ProtocolUsageError('invalid-argument', 'bug');
    };
    expectThrows(bug, 'invalid-argument', 'call');
    assert.throws(() => expectThrows(bug, 'outbound-full', 'call'), KatMismatch);
    assert.throws(() => expectThrows(() => 1, 'invalid-argument', 'call'), /nothing was thrown/);
    assert.throws(() => nonEmpty([], 'valid'), /valid: no cases/);
  });

  test('tally counts passed, failed and skipped cases and names each failure', async () => {
    const result = await tally([
      {
        title: 'file.json',
        cases: [
          { group: 'g', name: 'passes', run: () => undefined },
          { group: 'g', name: 'fails', run: () => expectEqual(1, 2, 'value') },
          { group: '', name: 'skipped', skip: 'no cipher', run: () => assert.fail('a skipped case must not run') },
        ],
      },
    ]);
    assert.deepEqual(result, { passed: 1, failed: 1, skipped: 1, failures: ['file.json › g › fails: KatMismatch: value: got 1, expected 2'] });
    assert.equal(formatTally('protocol known answers (chromium)', result), 'protocol known answers (chromium): 1 passed, 1 failed, 1 skipped');
  });
});
