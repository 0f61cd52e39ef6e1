/**
 * Runs cacophony-format Noise vectors (`{"vectors":[...]}`) against src/noise. Free of Node APIs
 * so the same code runs under node:test, the Node CLI and headless Chromium.
 */
import { fromHex, HandshakeState, importPrivateKey, isCipherSupported, parseProtocolName, toHex, type KeyPair, type Transport } from '../../src/noise/index.js';
import { bytesEqual } from '../../src/shared/bytes.js';
import { formatTally, KatMismatch, tally, type KatCase, type KatSuite, type KatTally } from './kat.js';

export interface NoiseVector {
  readonly protocol_name: string;
  readonly init_prologue: string;
  readonly init_psks?: readonly string[];
  readonly init_static?: string;
  readonly init_ephemeral: string;
  readonly init_remote_static?: string;
  readonly resp_prologue: string;
  readonly resp_psks?: readonly string[];
  readonly resp_static?: string;
  readonly resp_ephemeral?: string;
  readonly resp_remote_static?: string;
  readonly handshake_hash?: string;
  readonly messages: readonly { readonly payload: string; readonly ciphertext: string }[];
}

/** The line the brief fixes: `noise vectors: P passed, F failed, S skipped` (label adds e.g. " (chromium)"). */
export function formatSummary(summary: KatTally, label = ''): string {
  return formatTally(`noise vectors${label}`, summary);
}

/** Collects vectors from parsed JSON documents; anything that is not `{"vectors":[...]}` is an error. */
export function vectorsFromDocuments(documents: readonly unknown[]): NoiseVector[] {
  const out: NoiseVector[] = [];
  for (const doc of documents) {
    const list = (doc as { vectors?: unknown }).vectors;
    if (!Array.isArray(list)) throw new Error('vector file is not in cacophony format {"vectors":[...]}');
    out.push(...(list as NoiseVector[]));
  }
  return out;
}

/** Whether this runtime can run the vector (unknown patterns and ChaChaPoly without WebCrypto support are skipped). */
export async function isVectorSupported(vector: NoiseVector): Promise<boolean> {
  try {
    return await isCipherSupported(parseProtocolName(vector.protocol_name).cipher);
  } catch {
    return false;
  }
}

const optionalHex = (hex: string | undefined): Uint8Array | undefined => (hex === undefined ? undefined : fromHex(hex));
const optionalKey = async (hex: string | undefined): Promise<KeyPair | undefined> =>
  hex === undefined ? undefined : importPrivateKey(fromHex(hex));

async function side(vector: NoiseVector, initiator: boolean): Promise<HandshakeState> {
  const p = initiator ? 'init' : 'resp';
  return HandshakeState.create({
    protocol: vector.protocol_name,
    initiator,
    prologue: fromHex(vector[`${p}_prologue`]),
    staticKeyPair: await optionalKey(vector[`${p}_static`]),
    ephemeralKeyPairForTesting: await optionalKey(vector[`${p}_ephemeral`]),
    remoteStaticKey: optionalHex(vector[`${p}_remote_static`]),
    psks: vector[`${p}_psks`]?.map(fromHex),
  });
}

function check(actual: Uint8Array, expectedHex: string, what: string): void {
  if (!bytesEqual(actual, fromHex(expectedHex))) throw new KatMismatch(`${what}: got ${toHex(actual)}, expected ${expectedHex}`);
}

/**
 * Runs one vector with both roles and fixed ephemerals: every handshake message is written by one
 * side (ciphertext checked) and read by the other (payload checked); then the handshake hash;
 * then every transport message likewise. Throws with a description on the first mismatch.
 */
async function runVector(vector: NoiseVector): Promise<void> {
  const oneWay = parseProtocolName(vector.protocol_name).pattern.oneWay;
  const initiator = await side(vector, true);
  const responder = await side(vector, false);
  let transports: { init: Transport; resp: Transport } | null = null;
  for (const [index, message] of vector.messages.entries()) {
    // Cacophony convention: messages alternate initiator/responder by index throughout,
    // except one-way patterns, where the initiator sends everything.
    const fromInitiator = oneWay || index % 2 === 0;
    const what = `message ${index}`;
    const payload = fromHex(message.payload);
    if (transports === null) {
      const [writer, reader] = fromInitiator ? [initiator, responder] : [responder, initiator];
      check(await writer.writeMessage(payload), message.ciphertext, `${what} ciphertext`);
      check(await reader.readMessage(fromHex(message.ciphertext)), message.payload, `${what} payload`);
      if (initiator.isComplete !== responder.isComplete) throw new KatMismatch(`${what}: only one side finished the handshake`);
      if (initiator.isComplete) {
        transports = { init: initiator.split(), resp: responder.split() };
        if (vector.handshake_hash !== undefined) {
          check(transports.init.handshakeHash, vector.handshake_hash, 'initiator handshake hash');
          check(transports.resp.handshakeHash, vector.handshake_hash, 'responder handshake hash');
        }
      }
    } else {
      const [writer, reader] = fromInitiator ? [transports.init, transports.resp] : [transports.resp, transports.init];
      check(await writer.encrypt(payload), message.ciphertext, `${what} transport ciphertext`);
      check(await reader.decrypt(fromHex(message.ciphertext)), message.payload, `${what} transport payload`);
    }
  }
  if (transports === null) throw new KatMismatch('the vector ended before the handshake completed');
}

/** One case per vector, named by protocol and index; a vector this runtime cannot run is skipped. */
export async function noiseVectorSuite(vectors: readonly NoiseVector[]): Promise<KatSuite> {
  const cases: KatCase[] = [];
  for (const [index, vector] of vectors.entries()) {
    const supported = await isVectorSupported(vector);
    cases.push({
      group: '',
      name: `${vector.protocol_name} vector #${index} reproduces every message and the handshake hash`,
      skip: supported ? undefined : 'cipher not available in this runtime',
      run: () => runVector(vector),
    });
  }
  // Not 'noise vectors': scripts/test.sh greps the logs for that summary line.
  return { title: 'Noise vectors (cacophony format)', cases };
}

export async function runVectors(vectors: readonly NoiseVector[]): Promise<KatTally> {
  return tally([await noiseVectorSuite(vectors)]);
}
