/**
 * Runs inside headless Chromium (loaded as an ES module from the static server in
 * ../chromium.test.ts). Uses only web APIs: fetch for the vector files, WebCrypto for everything else.
 * The checks themselves are the Node tests' own Node-free modules (test/vectors, test/protocol/kat).
 */
import { generateKeyPair, HandshakeState, isCipherSupported, NoiseError, toHex } from '../../src/noise/index.js';
import { protocolKatSuites } from '../../test/protocol/kat/index.js';
import { formatTally, tally, type KatTally } from '../../test/vectors/kat.js';
import { formatSummary, runVectors, vectorsFromDocuments } from '../../test/vectors/runner.js';
import { wycheproofCases, wycheproofProblems } from '../../test/vectors/wycheproof.js';

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json() as Promise<unknown>;
}

export async function chachaPolySupported(): Promise<boolean> {
  return isCipherSupported('ChaChaPoly');
}

/** Same runner as Node; the server lists the vector files at /vectors/index.json. */
export async function runVectorSuite(): Promise<{ summary: KatTally; line: string }> {
  const files = (await getJson('/vectors/index.json')) as string[];
  const documents = await Promise.all(files.map((name) => getJson(`/vectors/${encodeURIComponent(name)}`)));
  const summary = await runVectors(vectorsFromDocuments(documents));
  return { summary, line: formatSummary(summary, ' (chromium)') };
}

/** Valid cases must match, ZeroSharedSecret cases must raise WeakPublicKeyError; returns the tcIds that did not. */
export async function runWycheproof(): Promise<{ checked: number; problems: string[] }> {
  return wycheproofProblems(wycheproofCases(await getJson('/wycheproof/x25519_test.json')));
}

/** The known-answer files of docs/protocol.md §6, through the same case modules as the Node test. */
export async function runProtocolKnownAnswers(): Promise<{ summary: KatTally; line: string }> {
  const summary = await tally(await protocolKatSuites((file) => getJson(`/protocol-vectors/${file}`)));
  return { summary, line: formatTally('protocol known answers (chromium)', summary) };
}

/** `accepted`, or the code it was refused with. */
async function outcome(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'accepted';
  } catch (error) {
    return error instanceof NoiseError ? error.code : String(error);
  }
}

/** IK and IKpsk2 with fresh non-extractable keys, then a tamper that must poison the transport. */
export async function runHandshakes(): Promise<string[]> {
  const log: string[] = [];
  for (const protocol of ['Noise_IK_25519_AESGCM_SHA256', 'Noise_IKpsk2_25519_AESGCM_SHA256']) {
    const psk = protocol.includes('psk') ? [crypto.getRandomValues(new Uint8Array(32))] : undefined;
    const initiatorStatic = await generateKeyPair();
    const responderStatic = await generateKeyPair();
    const initiator = await HandshakeState.create({ protocol, initiator: true, staticKeyPair: initiatorStatic, remoteStaticKey: responderStatic.publicKey, psks: psk });
    const responder = await HandshakeState.create({ protocol, initiator: false, staticKeyPair: responderStatic, psks: psk });
    await responder.readMessage(await initiator.writeMessage());
    await initiator.readMessage(await responder.writeMessage());
    const a = initiator.split();
    const b = responder.split();
    if (toHex(a.handshakeHash) !== toHex(b.handshakeHash)) throw new Error(`${protocol}: handshake hashes differ`);
    const message = await a.encrypt(new TextEncoder().encode('hello from chromium'));
    const tampered = message.slice();
    tampered[3]! ^= 1;
    const code = await outcome(b.decrypt(tampered));
    const after = await outcome(b.decrypt(message));
    log.push(`${protocol}: ok, tamper=${code}, then=${after}, private key extractable=${initiatorStatic.privateKey.extractable}`);
  }
  return log;
}
