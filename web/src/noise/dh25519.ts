import { concatBytes, copyBytes, isAllZero, type Bytes } from '../shared/bytes.js';
import { InvalidArgumentError, WeakPublicKeyError } from './errors.js';
import { subtle } from '../shared/subtle.js';

/** DHLEN for Curve25519 (section 12.1). */
export const DH_LEN = 32;

/** A static or ephemeral X25519 key pair. The private half is a CryptoKey and never leaves WebCrypto unless imported extractable by the caller. */
export interface KeyPair {
  readonly publicKey: Bytes;
  readonly privateKey: CryptoKey;
}

// WebCrypto imports a fixed X25519 private key only as pkcs8 or jwk, never raw.
// This is the DER prefix of PrivateKeyInfo{ v0, id-X25519 (1.3.101.110), OCTET STRING(OCTET STRING(32)) }.
const PKCS8_PREFIX = Uint8Array.of(
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
);

/** Fresh key pair; the private key is non-extractable unless asked otherwise (for persistence, prefer IndexedDB storage of the CryptoKey). */
export async function generateKeyPair(extractable = false): Promise<KeyPair> {
  const pair = (await subtle().generateKey({ name: 'X25519' }, extractable, ['deriveBits'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { publicKey, privateKey: pair.privateKey };
}

function base64UrlToBytes(text: string): Bytes {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Imports a fixed 32-byte private key (tests, vectors, keys loaded from a file) and derives its
 * public key. The key is imported extractable once only to read the JWK `x` member, then
 * re-imported non-extractable; the pkcs8 buffer is zeroed.
 */
export async function importPrivateKey(privateKey: Uint8Array): Promise<KeyPair> {
  if (privateKey.length !== DH_LEN) throw new InvalidArgumentError(`X25519 private key must be ${DH_LEN} bytes`);
  const pkcs8 = concatBytes(PKCS8_PREFIX, privateKey);
  try {
    const temporary = await subtle().importKey('pkcs8', pkcs8, { name: 'X25519' }, true, ['deriveBits']);
    const jwk = await subtle().exportKey('jwk', temporary);
    if (typeof jwk.x !== 'string') throw new InvalidArgumentError('X25519 key export returned no public key');
    const publicKey = base64UrlToBytes(jwk.x);
    const key = await subtle().importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
    return { publicKey, privateKey: key };
  } finally {
    pkcs8.fill(0);
  }
}

/** Imports a peer's raw public key; WebCrypto accepts any 32-byte string (RFC 7748 masks the top bit). */
async function importPublicKey(publicKey: Bytes): Promise<CryptoKey> {
  if (publicKey.length !== DH_LEN) throw new InvalidArgumentError(`X25519 public key must be ${DH_LEN} bytes`);
  return subtle().importKey('raw', publicKey, { name: 'X25519' }, true, []);
}

/**
 * DH(key_pair, public_key) of section 4.1. An all-zero result means a low-order public key;
 * WebCrypto raises OperationError for it, and we also check the bytes in case an engine does not.
 * Either way the caller gets WeakPublicKeyError, so a contributory-behaviour check is never skipped.
 */
export async function dh(privateKey: CryptoKey, publicKey: Uint8Array): Promise<Bytes> {
  const peer = await importPublicKey(copyBytes(publicKey));
  let shared: Bytes;
  try {
    shared = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: peer }, privateKey, DH_LEN * 8));
  } catch (error) {
    if (error instanceof Error && error.name === 'OperationError') throw new WeakPublicKeyError();
    throw error;
  }
  if (isAllZero(shared)) throw new WeakPublicKeyError();
  return shared;
}
