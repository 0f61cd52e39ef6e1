import { copyBytes, EMPTY, type Bytes } from '../shared/bytes.js';
import { KEY_LEN, type CipherFunction } from './cipher-functions.js';
import { DecryptionFailedError, InvalidArgumentError, NonceExhaustedError, PoisonedStateError } from './errors.js';
import { setNonceForTesting } from './internal.js';

/**
 * 2^64-1: reserved by section 5.1 (used only by REKEY, section 11.3), so the last usable nonce
 * is 2^64-2. Counters are bigints, so there is no 2^53 limit.
 */
export const MAX_NONCE = 0xffff_ffff_ffff_ffffn;

/**
 * CipherState of section 5.1. State changes (nonce reservation, key replacement) happen
 * synchronously when a method is called, before any await, so calls issued without awaiting
 * the previous one still use nonces and keys in call order.
 */
export class CipherState {
  readonly #cipher: CipherFunction;
  #key: Promise<CryptoKey> | null = null;
  #nonce = 0n;
  #poisoned = false;

  constructor(cipher: CipherFunction) {
    this.#cipher = cipher;
  }

  /** InitializeKey(key): the caller keeps ownership of `key` and should zero it once this resolves. */
  async initializeKey(key: Bytes | null): Promise<void> {
    this.#nonce = 0n;
    if (key === null) {
      this.#key = null;
      return;
    }
    if (key.length !== KEY_LEN) throw new InvalidArgumentError(`cipher key must be ${KEY_LEN} bytes`);
    const imported = this.#cipher.importKey(key);
    this.#key = imported;
    await imported;
  }

  hasKey(): boolean {
    return this.#key !== null;
  }

  /** EncryptWithAd: plaintext passes through unchanged while there is no key (handshake before the first DH). */
  async encryptWithAd(ad: Bytes, plaintext: Bytes): Promise<Bytes> {
    if (this.#poisoned) throw new PoisonedStateError();
    if (this.#key === null) return copyBytes(plaintext);
    const nonce = this.#reserveNonce();
    return this.#cipher.encrypt(await this.#key, nonce, ad, plaintext);
  }

  /**
   * DecryptWithAd. The spec leaves n unchanged on failure so a caller could retry; we instead
   * poison the state (a forgery attempt ends the session), which also makes it safe to reserve
   * the nonce before the asynchronous decrypt.
   */
  async decryptWithAd(ad: Bytes, ciphertext: Bytes): Promise<Bytes> {
    if (this.#poisoned) throw new PoisonedStateError();
    if (this.#key === null) return copyBytes(ciphertext);
    const nonce = this.#reserveNonce();
    try {
      return await this.#cipher.decrypt(await this.#key, nonce, ad, ciphertext);
    } catch (error) {
      this.#poisoned = true;
      throw error instanceof DecryptionFailedError ? error : new DecryptionFailedError();
    }
  }

  /** Rekey() of section 4.2 / 11.3: k = first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero bytes). n is unchanged. */
  async rekey(): Promise<void> {
    if (this.#poisoned) throw new PoisonedStateError();
    const previous = this.#key;
    if (previous === null) return;
    const next = (async () => {
      const sealed = await this.#cipher.encrypt(await previous, MAX_NONCE, EMPTY, new Uint8Array(KEY_LEN));
      const keyBytes = sealed.slice(0, KEY_LEN);
      sealed.fill(0);
      try {
        return await this.#cipher.importKey(keyBytes);
      } finally {
        keyBytes.fill(0);
      }
    })();
    this.#key = next;
    await next;
  }

  /** Marks the state unusable; used by owners that detect a failure outside the AEAD. */
  poison(): void {
    this.#poisoned = true;
  }

  get poisoned(): boolean {
    return this.#poisoned;
  }

  #reserveNonce(): bigint {
    const nonce = this.#nonce;
    if (nonce >= MAX_NONCE) throw new NonceExhaustedError();
    this.#nonce = nonce + 1n;
    return nonce;
  }

  [setNonceForTesting](nonce: bigint): void {
    this.#nonce = nonce;
  }
}
