import type { Bytes } from '../shared/bytes.js';
import { fail, ok, type Result } from './result.js';

/**
 * Canonical base64url (RFC 4648 §5) without padding, written here rather than taken from the
 * platform: atob accepts padding, whitespace and non-zero unused bits, and docs/protocol.md §2.3
 * requires refusing all of those so that one payload has exactly one text form.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Character code → 6-bit value, or -1 for a character outside the alphabet. */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6) + char(n);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += char(n >> 18) + char(n >> 12);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6);
  }
  return out;
}

/** Refuses (with `encoding`) any text that encodeBase64url would not have produced. */
export function decodeBase64url(text: string): Result<Bytes, 'encoding'> {
  // A lone final character carries only 6 bits, less than one byte: no encoder emits it.
  if (text.length % 4 === 1) return fail('encoding');
  const values = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (DECODE_TABLE[code] ?? -1) : -1;
    if (value < 0) return fail('encoding');
    values[i] = value;
  }

  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= values.length; i += 4) {
    const n = (v(values, i) << 18) | (v(values, i + 1) << 12) | (v(values, i + 2) << 6) | v(values, i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  const rest = values.length - i;
  if (rest === 2) {
    // 12 bits for 1 byte: the low 4 bits of the last character must be zero to be canonical.
    if ((v(values, i + 1) & 0x0f) !== 0) return fail('encoding');
    out[o++] = (v(values, i) << 2) | (v(values, i + 1) >> 4);
  } else if (rest === 3) {
    // 18 bits for 2 bytes: the low 2 bits of the last character must be zero.
    if ((v(values, i + 2) & 0x03) !== 0) return fail('encoding');
    const n = (v(values, i) << 10) | (v(values, i + 1) << 4) | (v(values, i + 2) >> 2);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  return ok(out);
}

function char(sixBits: number): string {
  return ALPHABET.charAt(sixBits & 0x3f);
}

function v(values: Uint8Array, index: number): number {
  return values[index] ?? 0;
}
