import type { Bytes } from '../shared/bytes.js';
import { DecryptionFailedError, UnsupportedCipherError } from './errors.js';
import type { CipherName } from './protocol-name.js';
import { subtle } from '../shared/subtle.js';

/** Cipher key length and AEAD tag length for both Noise ciphers (section 5.1). */
export const KEY_LEN = 32;
export const TAG_LEN = 16;

/** ENCRYPT/DECRYPT of section 4.2 over a non-extractable CryptoKey. */
export interface CipherFunction {
  readonly name: CipherName;
  importKey(key: Bytes): Promise<CryptoKey>;
  encrypt(key: CryptoKey, nonce: bigint, ad: Bytes, plaintext: Bytes): Promise<Bytes>;
  /** Throws DecryptionFailedError on any authentication failure. */
  decrypt(key: CryptoKey, nonce: bigint, ad: Bytes, ciphertext: Bytes): Promise<Bytes>;
}

// Section 12.3 (AESGCM): 32 zero bits then the 64-bit nonce big-endian.
// Section 12.2 (ChaChaPoly): 32 zero bits then the 64-bit nonce little-endian.
function nonceBytes(nonce: bigint, littleEndian: boolean): Bytes {
  const iv = new Uint8Array(12);
  new DataView(iv.buffer).setBigUint64(4, nonce, littleEndian);
  return iv;
}

// TypeScript's KeyFormat predates the WebCrypto "modern algorithms" draft, which adds
// 'raw-secret' and is the only format Chromium accepts for ChaCha20-Poly1305 keys.
const RAW_SECRET = 'raw-secret' as unknown as 'raw';

function makeCipher(name: CipherName, algorithm: string, format: 'raw', littleEndian: boolean): CipherFunction {
  return {
    name,
    importKey: (key) => subtle().importKey(format, key, { name: algorithm }, false, ['encrypt', 'decrypt']),
    async encrypt(key, nonce, ad, plaintext) {
      const params = { name: algorithm, iv: nonceBytes(nonce, littleEndian), additionalData: ad, tagLength: TAG_LEN * 8 };
      return new Uint8Array(await subtle().encrypt(params, key, plaintext));
    },
    async decrypt(key, nonce, ad, ciphertext) {
      const params = { name: algorithm, iv: nonceBytes(nonce, littleEndian), additionalData: ad, tagLength: TAG_LEN * 8 };
      try {
        return new Uint8Array(await subtle().decrypt(params, key, ciphertext));
      } catch {
        // WebCrypto reports a bad tag as OperationError; no detail is worth passing on.
        throw new DecryptionFailedError();
      }
    },
  };
}

const AESGCM = makeCipher('AESGCM', 'AES-GCM', 'raw', false);
const CHACHAPOLY = makeCipher('ChaChaPoly', 'ChaCha20-Poly1305', RAW_SECRET, true);

let chachaSupport: Promise<boolean> | undefined;

/** True when this runtime's WebCrypto can do the named cipher (ChaCha20-Poly1305: recent Chromium only). */
export function isCipherSupported(name: CipherName): Promise<boolean> {
  if (name === 'AESGCM') return Promise.resolve(true);
  chachaSupport ??= (async () => {
    try {
      const key = await CHACHAPOLY.importKey(new Uint8Array(KEY_LEN));
      const sealed = await CHACHAPOLY.encrypt(key, 0n, new Uint8Array(0), new Uint8Array(0));
      return sealed.length === TAG_LEN;
    } catch {
      return false;
    }
  })();
  return chachaSupport;
}

export async function getCipher(name: CipherName): Promise<CipherFunction> {
  if (!(await isCipherSupported(name))) throw new UnsupportedCipherError(name === 'ChaChaPoly' ? 'ChaCha20-Poly1305' : name);
  return name === 'AESGCM' ? AESGCM : CHACHAPOLY;
}
