import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { computeSas, formatSas, parseSasInput, ProtocolUsageError } from '../../src/protocol/index.js';

describe('SAS input', () => {
  const accepted: readonly [string, string][] = [
    ['12345678', '12345678'],
    ['1234 5678', '12345678'],
    ['1234-5678', '12345678'],
    ['1234 - 5678', '12345678'],
    ['1 2 3 4 5 6 7 8', '12345678'],
    ['12--34  56-78', '12345678'],
    ['00000000', '00000000'],
    [' 12345678 ', '12345678'],
    ['-1234-5678-', '12345678'],
  ];
  for (const [input, digits] of accepted) {
    it(`accepts ${JSON.stringify(input)} as ${digits}`, () => {
      assert.deepEqual(parseSasInput(input), { ok: true, value: digits });
    });
  }

  const refused = [
    '',
    '1234567',
    '123456789',
    '1234 567',
    '1234\t5678',
    '1234\u00a05678',
    '1234_5678',
    '1234.5678',
    '1234a678',
    '１２３４５６７８', // fullwidth digits
    '١٢٣٤٥٦٧٨', // Arabic-Indic digits
    `1${' '.repeat(100)}2345678`,
  ];
  for (const input of refused) {
    it(`refuses ${JSON.stringify(input.length > 20 ? `${input.length} characters` : input)}`, () => {
      assert.deepEqual(parseSasInput(input), { ok: false, error: 'sas-input' });
    });
  }
});

describe('SAS display', () => {
  it('formats the digits as two groups of four', () => {
    assert.equal(formatSas('08023700'), '0802 3700');
  });

  it('refuses to format anything but 8 digits', () => {
    for (const bad of ['1234567', '1234 5678', 'abcdefgh']) {
      assert.throws(() => formatSas(bad), ProtocolUsageError);
    }
  });

  it('a handshake hash that is not 32 bytes is a caller bug', async () => {
    await assert.rejects(computeSas(new Uint8Array(31)), (e: unknown) => e instanceof ProtocolUsageError && e.code === 'invalid-argument');
  });
});
