import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decodeBase64url, encodeBase64url } from '../../src/protocol/index.js';

describe('base64url', () => {
  it('round-trips every length from 0 to 64 and matches Node’s encoder', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 37 + length * 11) & 0xff;
      const text = encodeBase64url(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64url'));
      assert.deepEqual(decodeBase64url(text), { ok: true, value: bytes });
    }
  });

  it('decodes the empty string to no bytes', () => {
    assert.deepEqual(decodeBase64url(''), { ok: true, value: new Uint8Array(0) });
  });

  const refused: readonly [string, string][] = [
    ['padding', 'AQ=='],
    ['a single padding character', 'AQI='],
    ['the standard alphabet plus', 'ab+c'],
    ['the standard alphabet slash', 'ab/c'],
    ['a space', 'ab c'],
    ['a newline', 'abcd\n'],
    ['a non-ASCII letter', 'abcé'],
    ['length 1 mod 4', 'abcde'],
    ['a single character', 'A'],
    ['non-zero unused bits after one byte', 'AR'],
    ['non-zero unused bits after two bytes', 'AQF'],
  ];
  for (const [what, text] of refused) {
    it(`refuses ${what}`, () => {
      assert.deepEqual(decodeBase64url(text), { ok: false, error: 'encoding' });
    });
  }
});
