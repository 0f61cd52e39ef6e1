import { readU64 } from './binary.js';
import { invalidArgument } from './errors.js';
import { fail, ok, type Result } from './result.js';
import { subtle } from '../shared/subtle.js';

/**
 * The short authentication string of docs/protocol.md §3:
 *
 *   mac    = HMAC-SHA256(key = h, data = ASCII "tether-sas-v1")
 *   value  = u64 big-endian of mac[0..8)
 *   digits = decimal(value mod 10^8), left-padded with '0' to 8 characters
 *
 * A relay that substituted a key produces a different handshake hash `h` on each side, so the user
 * sees two different codes.
 */

export const SAS_DIGITS = 8;
export const HANDSHAKE_HASH_LENGTH = 32;

const SAS_LABEL = new TextEncoder().encode('tether-sas-v1');
const SAS_MODULUS = 100_000_000n;

/** The 8 digits (no grouping) for the final handshake hash of the pairing handshake. */
export async function computeSas(handshakeHash: Uint8Array): Promise<string> {
  if (handshakeHash.length !== HANDSHAKE_HASH_LENGTH) {
    throw invalidArgument(`a handshake hash is ${HANDSHAKE_HASH_LENGTH} bytes, got ${handshakeHash.length}`);
  }
  const crypto = subtle();
  // A copy, so the key material is a plain ArrayBuffer view (WebCrypto refuses shared buffers).
  const key = await crypto.importKey('raw', new Uint8Array(handshakeHash), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.sign('HMAC', key, SAS_LABEL));
  const value = readU64(mac, 0) % SAS_MODULUS;
  return value.toString().padStart(SAS_DIGITS, '0');
}

/** `12345678` → `1234 5678`, the grouping every display uses. */
export function formatSas(digits: string): string {
  if (!isSasDigits(digits)) throw invalidArgument('a SAS is exactly 8 decimal digits');
  return `${digits.slice(0, 4)} ${digits.slice(4)}`;
}

/**
 * What the user typed → the 8 digits. Accepts ASCII spaces and dashes anywhere, and nothing else:
 * at most 64 characters with exactly 8 digits (§3).
 */
export function parseSasInput(input: string): Result<string, 'sas-input'> {
  // Anything beyond this cannot be 8 digits with sensible separators; stop before scanning more.
  if (input.length > 64) return fail('sas-input');
  if (!/^[0-9 -]*$/.test(input)) return fail('sas-input');
  const digits = input.replace(/[ -]/g, '');
  return digits.length === SAS_DIGITS ? ok(digits) : fail('sas-input');
}

function isSasDigits(text: string): boolean {
  return text.length === SAS_DIGITS && /^[0-9]+$/.test(text);
}
