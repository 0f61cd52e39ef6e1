import { concatBytes, EMPTY, type Bytes } from '../shared/bytes.js';
import { CipherState } from './cipher-state.js';
import type { CipherFunction } from './cipher-functions.js';
import { HASH_LEN, hkdf, sha256 } from './hkdf.js';

/**
 * SymmetricState of section 5.2. ck is kept as raw bytes because HKDF needs it as an HMAC key;
 * every superseded ck and every HKDF output is zeroed once it has been consumed.
 */
export class SymmetricState {
  readonly #cipher: CipherFunction;
  readonly #cipherState: CipherState;
  #ck: Bytes;
  #h: Bytes;

  private constructor(cipher: CipherFunction, h: Bytes) {
    this.#cipher = cipher;
    this.#cipherState = new CipherState(cipher);
    this.#h = h;
    this.#ck = h.slice();
  }

  /** InitializeSymmetric(protocol_name): names of up to HASHLEN bytes are zero-padded, longer ones hashed. */
  static async initialize(cipher: CipherFunction, protocolName: string): Promise<SymmetricState> {
    const name = new TextEncoder().encode(protocolName);
    let h: Bytes;
    if (name.length <= HASH_LEN) {
      h = new Uint8Array(HASH_LEN);
      h.set(name);
    } else {
      h = await sha256(name);
    }
    return new SymmetricState(cipher, h);
  }

  async mixKey(inputKeyMaterial: Bytes): Promise<void> {
    const [ck, tempK] = (await hkdf(this.#ck, inputKeyMaterial, 2)) as [Bytes, Bytes];
    this.#replaceCk(ck);
    try {
      await this.#cipherState.initializeKey(tempK);
    } finally {
      tempK.fill(0);
    }
  }

  async mixHash(data: Bytes): Promise<void> {
    this.#h = await sha256(concatBytes(this.#h, data));
  }

  /** MixKeyAndHash (section 5.2), used by psk tokens. */
  async mixKeyAndHash(inputKeyMaterial: Bytes): Promise<void> {
    const [ck, tempH, tempK] = (await hkdf(this.#ck, inputKeyMaterial, 3)) as [Bytes, Bytes, Bytes];
    this.#replaceCk(ck);
    await this.mixHash(tempH);
    tempH.fill(0);
    try {
      await this.#cipherState.initializeKey(tempK);
    } finally {
      tempK.fill(0);
    }
  }

  /** A copy of h; callers may keep it (channel binding, SAS derivation). */
  getHandshakeHash(): Bytes {
    return this.#h.slice();
  }

  hasKey(): boolean {
    return this.#cipherState.hasKey();
  }

  async encryptAndHash(plaintext: Bytes): Promise<Bytes> {
    const ciphertext = await this.#cipherState.encryptWithAd(this.#h, plaintext);
    await this.mixHash(ciphertext);
    return ciphertext;
  }

  async decryptAndHash(ciphertext: Bytes): Promise<Bytes> {
    const plaintext = await this.#cipherState.decryptWithAd(this.#h, ciphertext);
    await this.mixHash(ciphertext);
    return plaintext;
  }

  /** Split() of section 5.2: (initiator-to-responder, responder-to-initiator). ck is wiped afterwards. */
  async split(): Promise<[CipherState, CipherState]> {
    const [k1, k2] = (await hkdf(this.#ck, EMPTY, 2)) as [Bytes, Bytes];
    this.#ck.fill(0);
    const c1 = new CipherState(this.#cipher);
    const c2 = new CipherState(this.#cipher);
    try {
      await c1.initializeKey(k1);
      await c2.initializeKey(k2);
    } finally {
      k1.fill(0);
      k2.fill(0);
    }
    return [c1, c2];
  }

  /** Wipes ck when the handshake is abandoned. */
  destroy(): void {
    this.#ck.fill(0);
    this.#cipherState.poison();
  }

  #replaceCk(next: Bytes): void {
    this.#ck.fill(0);
    this.#ck = next;
  }
}
