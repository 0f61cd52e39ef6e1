import type { Bytes } from '../../shared/bytes.js';
import { P256_PUBLIC_KEY_LENGTH } from '../crypto/access-key.js';
import { isValidName } from './names.js';

/**
 * The pairing hello, the payload of Noise_IKpsk2 message 1 (docs/protocol.md §8.1):
 *
 *   offset  size  field
 *   0       1     version            0x01
 *   1       65    access public key  P-256, uncompressed SEC1
 *   66      1     name length n      1 ≤ n ≤ 64
 *   67      n     suggested name     UTF-8, the rules of names.ts
 */
const VERSION = 1;

export function encodePairingHello(accessPublicKey: Uint8Array, suggestedName: string): Bytes {
  if (accessPublicKey.length !== P256_PUBLIC_KEY_LENGTH || accessPublicKey[0] !== 0x04) throw new RangeError('an access public key is 65 bytes of uncompressed SEC1');
  if (!isValidName(suggestedName)) throw new RangeError('the suggested name breaks the name rules of docs/protocol.md §8.1');
  const name = new TextEncoder().encode(suggestedName);
  const out = new Uint8Array(1 + P256_PUBLIC_KEY_LENGTH + 1 + name.length);
  out[0] = VERSION;
  out.set(accessPublicKey, 1);
  out[1 + P256_PUBLIC_KEY_LENGTH] = name.length;
  out.set(name, 2 + P256_PUBLIC_KEY_LENGTH);
  return out;
}
