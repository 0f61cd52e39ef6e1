import { concatBytes, copyBytes, type Bytes } from '../shared/bytes.js';
import { getCipher, TAG_LEN } from './cipher-functions.js';
import { dh, DH_LEN, generateKeyPair, type KeyPair } from './dh25519.js';
import { MalformedMessageError, MessageTooLargeError, OutOfTurnError, PoisonedStateError } from './errors.js';
import { validateKeys } from './handshake-keys.js';
import { MAX_MESSAGE_LEN } from './limits.js';
import { messageLayout } from './message-layout.js';
import type { HandshakePattern, MessagePattern, Token } from './patterns.js';
import { parseProtocolName } from './protocol-name.js';
import { SymmetricState } from './symmetric-state.js';
import { Transport } from './transport.js';

export interface HandshakeOptions {
  /** Full protocol name, e.g. `Noise_IK_25519_AESGCM_SHA256`. */
  readonly protocol: string;
  readonly initiator: boolean;
  readonly prologue?: Uint8Array | undefined;
  /** Local static key pair `s`, if the pattern uses one. */
  readonly staticKeyPair?: KeyPair | undefined;
  /** The peer's static public key `rs`, when known in advance (pre-message, or a pinned key). */
  readonly remoteStaticKey?: Uint8Array | undefined;
  /** 32-byte PSKs, one per psk token, in the order the tokens occur (section 9). */
  readonly psks?: readonly Uint8Array[] | undefined;
  /** A fixed ephemeral for published test vectors ONLY: reusing an ephemeral destroys forward secrecy. */
  readonly ephemeralKeyPairForTesting?: KeyPair | undefined;
}

export type NextAction = 'write' | 'read' | 'complete';

/**
 * HandshakeState of section 5.3, driven by the pattern table. Every method checks that it is
 * this side's turn; a failure of any kind poisons the handshake and wipes ck.
 */
export class HandshakeState {
  readonly #symmetric: SymmetricState;
  readonly #pattern: HandshakePattern;
  readonly #initiator: boolean;
  readonly #s: KeyPair | null;
  readonly #psks: Bytes[];
  readonly #pskMode: boolean;
  #pskIndex = 0;
  #e: KeyPair | null;
  #rs: Bytes | null;
  #re: Bytes | null = null;
  #messageIndex = 0;
  #busy = false;
  #poisoned = false;
  #transport: Transport | null = null;
  #splitTaken = false;

  private constructor(symmetric: SymmetricState, pattern: HandshakePattern, options: HandshakeOptions, psks: Bytes[], rs: Bytes | null) {
    this.#symmetric = symmetric;
    this.#pattern = pattern;
    this.#initiator = options.initiator;
    this.#s = options.staticKeyPair ?? null;
    this.#e = options.ephemeralKeyPairForTesting ?? null;
    this.#rs = rs;
    this.#psks = psks;
    this.#pskMode = psks.length > 0;
  }

  /** Initialize() of section 5.3: validates keys for the pattern, mixes the prologue and pre-message keys. */
  static async create(options: HandshakeOptions): Promise<HandshakeState> {
    const protocol = parseProtocolName(options.protocol);
    const cipher = await getCipher(protocol.cipher);
    const { psks, remoteStaticKey } = validateKeys(protocol.pattern, options);
    const symmetric = await SymmetricState.initialize(cipher, protocol.name);
    const state = new HandshakeState(symmetric, protocol.pattern, options, psks, remoteStaticKey);
    await symmetric.mixHash(copyBytes(options.prologue ?? new Uint8Array(0)));
    // Pre-message keys are hashed initiator's first, then responder's (section 7.1); only `s` occurs.
    // validateKeys() guaranteed that s and rs exist wherever a pre-message names them.
    const local = state.#s?.publicKey ?? null;
    const initiatorKey = options.initiator ? local : state.#rs;
    const responderKey = options.initiator ? state.#rs : local;
    for (const token of protocol.pattern.initiatorPre) if (token === 's') await symmetric.mixHash(initiatorKey!);
    for (const token of protocol.pattern.responderPre) if (token === 's') await symmetric.mixHash(responderKey!);
    return state;
  }

  get nextAction(): NextAction {
    const next = this.#pattern.messages[this.#messageIndex];
    if (next === undefined) return 'complete';
    return next.fromInitiator === this.#initiator ? 'write' : 'read';
  }

  get isComplete(): boolean {
    return this.nextAction === 'complete';
  }

  /** The current h; after completion it equals the transport's handshake hash. */
  get handshakeHash(): Bytes {
    return this.#symmetric.getHandshakeHash();
  }

  /** rs once known (pre-message, pinned, or received); check it before replying in IK. */
  get remoteStaticKey(): Bytes | null {
    return this.#rs === null ? null : this.#rs.slice();
  }

  /** WriteMessage(payload) of section 5.3; returns the handshake message to send. */
  async writeMessage(payload: Uint8Array = new Uint8Array(0)): Promise<Bytes> {
    const message = this.#enter('write');
    const layout = messageLayout(message.tokens, this.#symmetric.hasKey(), this.#pskMode);
    const total = layout.fixedLength + payload.length;
    // A caller error detected before any work: refuse it without poisoning the handshake.
    if (total > MAX_MESSAGE_LEN) throw new MessageTooLargeError(total, MAX_MESSAGE_LEN);
    return this.#run(async () => {
      const parts: Bytes[] = [];
      for (const token of message.tokens) {
        if (token === 'e') {
          this.#e ??= await generateKeyPair();
          parts.push(this.#e.publicKey.slice());
          await this.#mixEphemeral(this.#e.publicKey);
        } else if (token === 's') {
          parts.push(await this.#symmetric.encryptAndHash(this.#s!.publicKey));
        } else {
          await this.#mixToken(token);
        }
      }
      parts.push(await this.#symmetric.encryptAndHash(copyBytes(payload)));
      return concatBytes(...parts);
    });
  }

  /** ReadMessage(message) of section 5.3; returns the decrypted payload. */
  async readMessage(received: Uint8Array): Promise<Bytes> {
    const message = this.#enter('read');
    return this.#run(async () => {
      if (received.length > MAX_MESSAGE_LEN) throw new MessageTooLargeError(received.length, MAX_MESSAGE_LEN);
      const layout = messageLayout(message.tokens, this.#symmetric.hasKey(), this.#pskMode);
      if (received.length < layout.fixedLength) {
        throw new MalformedMessageError(`handshake message of ${received.length} bytes, pattern needs at least ${layout.fixedLength}`);
      }
      const bytes = copyBytes(received);
      let offset = 0;
      const take = (length: number): Bytes => {
        if (offset + length > bytes.length) throw new MalformedMessageError('handshake message is truncated');
        const part = bytes.slice(offset, offset + length);
        offset += length;
        return part;
      };
      for (const token of message.tokens) {
        if (token === 'e') {
          this.#re = take(DH_LEN);
          await this.#mixEphemeral(this.#re);
        } else if (token === 's') {
          const sealed = take(DH_LEN + (this.#symmetric.hasKey() ? TAG_LEN : 0));
          this.#rs = await this.#symmetric.decryptAndHash(sealed);
        } else {
          await this.#mixToken(token);
        }
      }
      return this.#symmetric.decryptAndHash(take(bytes.length - offset));
    });
  }

  /** The transport after the last handshake message. Callable once, so the CipherStates (and nonces) are never shared. */
  split(): Transport {
    if (this.#poisoned) throw new PoisonedStateError();
    if (this.#transport === null || this.#splitTaken) throw new OutOfTurnError('split() needs a completed handshake and may be called once');
    this.#splitTaken = true;
    return this.#transport;
  }

  #enter(action: 'write' | 'read'): MessagePattern {
    if (this.#poisoned) throw new PoisonedStateError();
    if (this.#busy) throw new OutOfTurnError('a handshake operation is already in progress');
    const next = this.nextAction;
    if (next !== action) throw new OutOfTurnError(next === 'complete' ? 'the handshake is complete' : `it is this side's turn to ${next}`);
    return this.#pattern.messages[this.#messageIndex]!;
  }

  /** Runs one message; `busy` is set synchronously, before the first await, so overlapping calls are refused. */
  async #run(step: () => Promise<Bytes>): Promise<Bytes> {
    this.#busy = true;
    try {
      const result = await step();
      this.#messageIndex++;
      if (this.isComplete) await this.#finish();
      return result;
    } catch (error) {
      this.#poisoned = true;
      this.#symmetric.destroy();
      this.#wipePsks();
      throw error;
    } finally {
      this.#busy = false;
    }
  }

  async #finish(): Promise<void> {
    const [initiatorToResponder, responderToInitiator] = await this.#symmetric.split();
    // One-way patterns (section 7.4): the responder never sends, so c2 is dropped.
    const reverse = this.#pattern.oneWay ? null : responderToInitiator;
    const [send, receive] = this.#initiator ? [initiatorToResponder, reverse] : [reverse, initiatorToResponder];
    this.#transport = new Transport(send, receive, this.#symmetric.getHandshakeHash(), this.#rs);
    this.#wipePsks();
  }

  #wipePsks(): void {
    for (const psk of this.#psks) psk.fill(0);
  }

  async #mixEphemeral(publicKey: Bytes): Promise<void> {
    await this.#symmetric.mixHash(publicKey);
    // Section 9.2: in PSK handshakes `e` also feeds MixKey, so the psk is bound to fresh randomness.
    if (this.#pskMode) await this.#symmetric.mixKey(publicKey);
  }

  async #mixToken(token: Exclude<Token, 'e' | 's'>): Promise<void> {
    if (token === 'psk') {
      // validateKeys() guaranteed one psk per psk token, consumed in order.
      await this.#symmetric.mixKeyAndHash(this.#psks[this.#pskIndex++]!);
      return;
    }
    // Section 5.3: es = DH(e, rs) for the initiator, DH(s, re) for the responder; se the mirror image.
    const initiatorUsesE = token === 'ee' || token === 'es';
    const responderUsesE = token === 'ee' || token === 'se';
    const local = (this.#initiator ? initiatorUsesE : responderUsesE) ? this.#e : this.#s;
    const remote = (this.#initiator ? responderUsesE : initiatorUsesE) ? this.#re : this.#rs;
    if (local === null || remote === null) throw new MalformedMessageError(`key for ${token} is not available`);
    const shared = await dh(local.privateKey, remote);
    try {
      await this.#symmetric.mixKey(shared);
    } finally {
      shared.fill(0);
    }
  }
}
