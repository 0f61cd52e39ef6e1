import type { Bytes } from '../../shared/bytes.js';
import { subtle } from '../../shared/subtle.js';

/**
 * The device's relay access key (docs/protocol.md §7.1): ECDSA P-256, generated here with
 * extractable = false, so the private half can be used to sign but never exported, by construction.
 * Signatures are IEEE P1363 (r ‖ s, 64 bytes), which is what WebCrypto produces and the relay checks.
 */
export interface AccessKey {
  readonly privateKey: CryptoKey;
  /** Uncompressed SEC1: 0x04 ‖ x ‖ y, 65 bytes. */
  readonly publicKey: Bytes;
}

export const P256_PUBLIC_KEY_LENGTH = 65;
export const P256_SIGNATURE_LENGTH = 64;

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function generateAccessKey(): Promise<AccessKey> {
  const pair = (await subtle().generateKey(ECDSA_P256, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

export async function signP1363(privateKey: CryptoKey, data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().sign(ECDSA_SHA256, privateKey, new Uint8Array(data)));
}

/** Whether `signature` verifies under a raw public key; false (never a throw) for a key that is not a P-256 point. */
export async function verifyP1363(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== P256_PUBLIC_KEY_LENGTH || signature.length !== P256_SIGNATURE_LENGTH) return false;
  let key: CryptoKey;
  try {
    key = await subtle().importKey('raw', new Uint8Array(publicKey), ECDSA_P256, false, ['verify']);
  } catch {
    return false;
  }
  return subtle().verify(ECDSA_SHA256, key, new Uint8Array(signature), new Uint8Array(data));
}
