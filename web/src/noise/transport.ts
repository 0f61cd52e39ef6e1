import { copyBytes, EMPTY, type Bytes } from '../shared/bytes.js';
import type { CipherState } from './cipher-state.js';
import { TAG_LEN } from './cipher-functions.js';
import { MalformedMessageError, MessageTooLargeError, OutOfTurnError, PoisonedStateError } from './errors.js';
import { cipherStatesForTesting } from './internal.js';
import { MAX_MESSAGE_LEN } from './limits.js';

/** Largest plaintext that fits in one transport message: 65,535 minus the 16-byte tag. */
export const MAX_PLAINTEXT_LEN = MAX_MESSAGE_LEN - TAG_LEN;

/**
 * The pair of CipherStates returned by Split() (section 5.2), oriented for one side.
 * Transport messages use empty associated data (section 5.3). One-way patterns have only a
 * send (initiator) or only a receive (responder) direction.
 *
 * Any failure while receiving poisons the whole transport: after a forged, truncated or
 * replayed message every later call throws PoisonedStateError.
 */
export class Transport {
  readonly #send: CipherState | null;
  readonly #receive: CipherState | null;
  readonly #handshakeHash: Bytes;
  readonly #remoteStaticKey: Bytes | null;
  #poisoned = false;

  /** Created by HandshakeState.split(); not meant to be constructed directly. */
  constructor(send: CipherState | null, receive: CipherState | null, handshakeHash: Bytes, remoteStaticKey: Bytes | null) {
    this.#send = send;
    this.#receive = receive;
    this.#handshakeHash = handshakeHash;
    this.#remoteStaticKey = remoteStaticKey;
  }

  /** h at the end of the handshake (section 11.2, channel binding). */
  get handshakeHash(): Bytes {
    return this.#handshakeHash.slice();
  }

  /** The peer's static public key, or null if the pattern never provides one. */
  get remoteStaticKey(): Bytes | null {
    return this.#remoteStaticKey === null ? null : this.#remoteStaticKey.slice();
  }

  get poisoned(): boolean {
    return this.#poisoned;
  }

  /** Encrypts one transport message; plaintext at most MAX_PLAINTEXT_LEN (65,519) bytes. */
  async encrypt(plaintext: Uint8Array): Promise<Bytes> {
    const send = this.#direction(this.#send, 'send');
    if (plaintext.length > MAX_PLAINTEXT_LEN) throw new MessageTooLargeError(plaintext.length + TAG_LEN, MAX_MESSAGE_LEN);
    return send.encryptWithAd(EMPTY, copyBytes(plaintext));
  }

  /** Decrypts the next transport message in order; any failure poisons the transport. */
  async decrypt(ciphertext: Uint8Array): Promise<Bytes> {
    const receive = this.#direction(this.#receive, 'receive');
    try {
      if (ciphertext.length > MAX_MESSAGE_LEN) throw new MessageTooLargeError(ciphertext.length, MAX_MESSAGE_LEN);
      if (ciphertext.length < TAG_LEN) throw new MalformedMessageError(`transport message of ${ciphertext.length} bytes is shorter than the tag`);
      return await receive.decryptWithAd(EMPTY, copyBytes(ciphertext));
    } catch (error) {
      this.#poison();
      throw error;
    }
  }

  /** Section 11.3 rekey of the sending key; the peer must call rekeyReceive() at the same message boundary. */
  async rekeySend(): Promise<void> {
    await this.#direction(this.#send, 'send').rekey();
  }

  /** Section 11.3 rekey of the receiving key. */
  async rekeyReceive(): Promise<void> {
    await this.#direction(this.#receive, 'receive').rekey();
  }

  /** Rekeys every direction this transport has. */
  async rekey(): Promise<void> {
    if (this.#poisoned) throw new PoisonedStateError();
    await Promise.all([this.#send?.rekey(), this.#receive?.rekey()]);
  }

  #direction(state: CipherState | null, name: 'send' | 'receive'): CipherState {
    if (this.#poisoned) throw new PoisonedStateError();
    if (state === null) throw new OutOfTurnError(`this side of a one-way pattern cannot ${name}`);
    return state;
  }

  #poison(): void {
    this.#poisoned = true;
    this.#send?.poison();
    this.#receive?.poison();
  }

  [cipherStatesForTesting](): { send: CipherState | null; receive: CipherState | null } {
    return { send: this.#send, receive: this.#receive };
  }
}
