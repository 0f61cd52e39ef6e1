import { copyBytes, type Bytes } from '../shared/bytes.js';
import { DH_LEN, type KeyPair } from './dh25519.js';
import { InvalidArgumentError, MissingKeyError } from './errors.js';
import type { HandshakePattern } from './patterns.js';

/** PSKs are 32 bytes (section 9.1). */
export const PSK_LEN = 32;

export interface KeyInputs {
  readonly initiator: boolean;
  readonly staticKeyPair?: KeyPair | undefined;
  readonly remoteStaticKey?: Uint8Array | undefined;
  readonly psks?: readonly Uint8Array[] | undefined;
}

/**
 * Checks, before any work, that the caller supplied exactly the keys the pattern uses, so a
 * missing key is a MissingKeyError at creation rather than a failure mid-handshake, and a
 * superfluous key (a likely configuration mistake) is refused rather than silently ignored.
 */
export function validateKeys(pattern: HandshakePattern, inputs: KeyInputs): { psks: Bytes[]; remoteStaticKey: Bytes | null } {
  const localPre = inputs.initiator ? pattern.initiatorPre : pattern.responderPre;
  const remotePre = inputs.initiator ? pattern.responderPre : pattern.initiatorPre;
  // DH tokens that use the local static key (section 5.3): se/ss for the initiator, es/ss for the responder.
  const localStaticDh = inputs.initiator ? ['se', 'ss'] : ['es', 'ss'];
  let usesLocalStatic = localPre.includes('s');
  let pskTokens = 0;
  for (const message of pattern.messages) {
    for (const token of message.tokens) {
      if (token === 'psk') pskTokens++;
      if (localStaticDh.includes(token)) usesLocalStatic = true;
      if (token === 's' && message.fromInitiator === inputs.initiator) usesLocalStatic = true;
    }
  }

  const s = inputs.staticKeyPair;
  if (usesLocalStatic && s === undefined) throw new MissingKeyError(`pattern ${pattern.name} needs a local static key pair`);
  if (!usesLocalStatic && s !== undefined) throw new InvalidArgumentError(`pattern ${pattern.name} does not use a local static key for this role`);
  if (s !== undefined && s.publicKey.length !== DH_LEN) throw new InvalidArgumentError(`static public key must be ${DH_LEN} bytes`);

  const rs = inputs.remoteStaticKey;
  if (remotePre.includes('s') && rs === undefined) throw new MissingKeyError(`pattern ${pattern.name} needs the remote static key in advance`);
  if (!remotePre.includes('s') && rs !== undefined) {
    throw new InvalidArgumentError(`pattern ${pattern.name} does not take the remote static key in advance; compare remoteStaticKey after reading it instead`);
  }
  if (rs !== undefined && rs.length !== DH_LEN) throw new InvalidArgumentError(`remote static key must be ${DH_LEN} bytes`);

  const psks = inputs.psks ?? [];
  if (psks.length !== pskTokens) throw new MissingKeyError(`pattern ${pattern.name} needs ${pskTokens} PSK(s), got ${psks.length}`);
  if (psks.some((psk) => psk.length !== PSK_LEN)) throw new InvalidArgumentError(`each PSK must be ${PSK_LEN} bytes`);

  return { psks: psks.map(copyBytes), remoteStaticKey: rs === undefined ? null : copyBytes(rs) };
}
