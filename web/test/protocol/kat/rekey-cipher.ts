/**
 * rekey.json, `rekey` part (docs/protocol.md §1.2, Noise §11.3): Rekey() of a key for both ciphers,
 * checked through the Noise layer's CipherState. A case whose cipher this runtime's WebCrypto lacks
 * (ChaCha20-Poly1305 in Node 20) is skipped, and counted as skipped.
 */
import { CipherState, getCipher, isCipherSupported, KEY_LEN, MAX_NONCE, type CipherName } from '../../../src/noise/index.js';
import { setNonceForTesting } from '../../../src/noise/internal.js';
import { EMPTY, type Bytes } from '../../../src/shared/bytes.js';
import { fromHex, toHex } from '../../../src/shared/hex.js';
import { expectEqual, nonEmpty, type KatCase } from '../../vectors/kat.js';

interface CipherRekeyCase {
  readonly cipher: CipherName;
  readonly key: string;
  readonly rekeyed: string;
  /** Small enough for a JSON number; the counter itself is a u64. */
  readonly nonce: number;
  readonly plaintext: string;
  readonly ciphertextBefore: string;
  readonly ciphertextAfter: string;
}

export interface CipherRekeyVectors {
  readonly rekey: readonly CipherRekeyCase[];
}

/** A fresh CipherState with `key`, optionally rekeyed, then set to `nonce`: the hex of encrypt(plaintext, empty ad). */
async function encryptAt(c: CipherRekeyCase, key: Bytes, rekeyFirst: boolean): Promise<string> {
  const state = new CipherState(await getCipher(c.cipher));
  await state.initializeKey(key);
  if (rekeyFirst) await state.rekey();
  state[setNonceForTesting](BigInt(c.nonce));
  return toHex(await state.encryptWithAd(EMPTY, fromHex(c.plaintext)));
}

async function check(c: CipherRekeyCase): Promise<void> {
  expectEqual(await encryptAt(c, fromHex(c.key), false), c.ciphertextBefore, 'ciphertext before rekey()');
  expectEqual(await encryptAt(c, fromHex(c.key), true), c.ciphertextAfter, 'ciphertext after rekey()');

  // CipherState keeps its key as a non-extractable CryptoKey, so the key rekey() made cannot be read
  // back. Two checks stand in for it: the file's `rekeyed` key gives the same ciphertext as rekey()
  // did (the same AEAD output at the same nonce means the same key), and `rekeyed` is what the
  // formula of §1.2, run on the cipher function directly, gives:
  // k' = first 32 bytes of ENCRYPT(k, 2^64−1, empty ad, 32 zero bytes).
  expectEqual(await encryptAt(c, fromHex(c.rekeyed), false), c.ciphertextAfter, 'ciphertext under the file\'s rekeyed key');
  const cipher = await getCipher(c.cipher);
  const sealed = await cipher.encrypt(await cipher.importKey(fromHex(c.key)), MAX_NONCE, EMPTY, new Uint8Array(KEY_LEN));
  expectEqual(toHex(sealed.subarray(0, KEY_LEN)), c.rekeyed, 'rekeyed key by the formula');
}

/** Async because whether a case can run depends on the runtime's WebCrypto. */
export async function cipherRekeyCases(v: CipherRekeyVectors): Promise<KatCase[]> {
  const cases: KatCase[] = [];
  for (const [i, c] of nonEmpty(v.rekey, 'rekey').entries()) {
    const supported = await isCipherSupported(c.cipher);
    cases.push({
      group: 'rekey',
      name: `${c.cipher} #${i} at nonce ${c.nonce}: rekey() gives the file's key and ciphertexts`,
      skip: supported ? undefined : `${c.cipher} is not in this runtime's WebCrypto`,
      run: () => check(c),
    });
  }
  return cases;
}
