import { concatBytes, type Bytes } from '../shared/bytes.js';
import { subtle } from '../shared/subtle.js';

/** HASHLEN for SHA-256 (section 12.3). */
export const HASH_LEN = 32;

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

async function hmacKey(key: Bytes): Promise<CryptoKey> {
  // WebCrypto refuses zero-length HMAC keys; Noise never needs one because keys here are ck or temp_key (32 bytes).
  return subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function hmac(key: CryptoKey, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().sign('HMAC', key, data));
}

/**
 * HKDF(chaining_key, input_key_material, num_outputs) of section 4.3, built from HMAC-SHA256.
 * temp_key exists only as a non-extractable CryptoKey. Callers own (and must zero) the outputs.
 */
export async function hkdf(chainingKey: Bytes, inputKeyMaterial: Bytes, numOutputs: 2 | 3): Promise<Bytes[]> {
  const tempKeyBytes = await hmac(await hmacKey(chainingKey), inputKeyMaterial);
  const tempKey = await hmacKey(tempKeyBytes);
  tempKeyBytes.fill(0);
  const outputs: Bytes[] = [];
  let previous: Bytes = new Uint8Array(0);
  for (let i = 1; i <= numOutputs; i++) {
    const block = concatBytes(previous, Uint8Array.of(i));
    previous = await hmac(tempKey, block);
    block.fill(0);
    outputs.push(previous);
  }
  return outputs;
}
