/** Builders shared by the Node tests: key pairs, IK/IKpsk2 handshakes, and complete sessions. */
import { generateKeyPair, HandshakeState, importPrivateKey, type KeyPair, type Transport } from '../../src/noise/index.js';

export const IK = 'Noise_IK_25519_AESGCM_SHA256';
export const IK_PSK2 = 'Noise_IKpsk2_25519_AESGCM_SHA256';
export const PROLOGUE = new TextEncoder().encode('tether test prologue');

export interface Parties {
  readonly initiatorStatic: KeyPair;
  readonly responderStatic: KeyPair;
  readonly initiatorEphemeral?: KeyPair;
  readonly responderEphemeral?: KeyPair;
}

export async function freshParties(): Promise<Parties> {
  return { initiatorStatic: await generateKeyPair(), responderStatic: await generateKeyPair() };
}

/** Fixed keys, so every message of the handshake is reproducible byte for byte (tamper tests). */
export async function fixedParties(): Promise<Parties> {
  const key = (seed: number): Promise<KeyPair> => importPrivateKey(new Uint8Array(32).fill(seed));
  return {
    initiatorStatic: await key(1),
    responderStatic: await key(2),
    initiatorEphemeral: await key(3),
    responderEphemeral: await key(4),
  };
}

export interface PairOptions {
  readonly protocol?: string;
  readonly initiatorPsk?: Uint8Array;
  readonly responderPsk?: Uint8Array;
  /** What the initiator believes the responder's static key is (default: the real one). */
  readonly pinnedResponderKey?: Uint8Array;
}

export async function handshakePair(parties: Parties, options: PairOptions = {}): Promise<{ initiator: HandshakeState; responder: HandshakeState }> {
  const protocol = options.protocol ?? IK;
  const initiator = await HandshakeState.create({
    protocol,
    initiator: true,
    prologue: PROLOGUE,
    staticKeyPair: parties.initiatorStatic,
    remoteStaticKey: options.pinnedResponderKey ?? parties.responderStatic.publicKey,
    psks: options.initiatorPsk === undefined ? undefined : [options.initiatorPsk],
    ephemeralKeyPairForTesting: parties.initiatorEphemeral,
  });
  const responder = await HandshakeState.create({
    protocol,
    initiator: false,
    prologue: PROLOGUE,
    staticKeyPair: parties.responderStatic,
    psks: options.responderPsk === undefined ? undefined : [options.responderPsk],
    ephemeralKeyPairForTesting: parties.responderEphemeral,
  });
  return { initiator, responder };
}

/** Runs the two IK messages and returns both transports. */
export async function session(parties: Parties, options: PairOptions = {}): Promise<{ initiator: Transport; responder: Transport }> {
  const { initiator, responder } = await handshakePair(parties, options);
  await responder.readMessage(await initiator.writeMessage());
  await initiator.readMessage(await responder.writeMessage());
  return { initiator: initiator.split(), responder: responder.split() };
}

export const text = (value: string): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode(value));
