/**
 * Runs inside headless Chromium (loaded as an ES module from the static server in
 * ../chromium.test.ts). Uses only web APIs: fetch for the vector files, WebCrypto for everything else.
 */
import { dh, fromHex, generateKeyPair, HandshakeState, importPrivateKey, isCipherSupported, NoiseError, toHex, WeakPublicKeyError } from '../../src/noise/index.js';
import { formatSummary, runVectors, vectorsFromDocuments, type VectorSummary } from '../../test/vectors/runner.js';

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json() as Promise<unknown>;
}

export async function chachaPolySupported(): Promise<boolean> {
  return isCipherSupported('ChaChaPoly');
}

/** Same runner as Node; the server lists the vector files at /vectors/index.json. */
export async function runVectorSuite(): Promise<{ summary: VectorSummary; line: string }> {
  const files = (await getJson('/vectors/index.json')) as string[];
  const documents = await Promise.all(files.map((name) => getJson(`/vectors/${encodeURIComponent(name)}`)));
  const summary = await runVectors(vectorsFromDocuments(documents));
  return { summary, line: formatSummary(summary, ' (chromium)') };
}

interface WycheproofCase {
  readonly tcId: number;
  readonly flags: readonly string[];
  readonly public: string;
  readonly private: string;
  readonly shared: string;
  readonly result: string;
}

/** Returns the tcIds that misbehaved: valid cases must match, ZeroSharedSecret cases must raise WeakPublicKeyError. */
export async function runWycheproof(): Promise<{ checked: number; problems: string[] }> {
  const file = (await getJson('/wycheproof/x25519_test.json')) as { testGroups: { tests: WycheproofCase[] }[] };
  const problems: string[] = [];
  let checked = 0;
  for (const c of file.testGroups.flatMap((group) => group.tests)) {
    const zero = c.flags.includes('ZeroSharedSecret');
    if (c.result !== 'valid' && !zero) continue;
    checked++;
    try {
      const { privateKey } = await importPrivateKey(fromHex(c.private));
      const shared = toHex(await dh(privateKey, fromHex(c.public)));
      if (zero || shared !== c.shared) problems.push(`tcId ${c.tcId}: got ${zero ? 'a shared secret' : shared}`);
    } catch (error) {
      if (!(zero && error instanceof WeakPublicKeyError)) problems.push(`tcId ${c.tcId}: ${String(error)}`);
    }
  }
  return { checked, problems };
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
    let code = 'accepted';
    try {
      await b.decrypt(tampered);
    } catch (error) {
      code = error instanceof NoiseError ? error.code : String(error);
    }
    let after = 'accepted';
    try {
      await b.decrypt(message);
    } catch (error) {
      after = error instanceof NoiseError ? error.code : String(error);
    }
    log.push(`${protocol}: ok, tamper=${code}, then=${after}, private key extractable=${initiatorStatic.privateKey.extractable}`);
  }
  return log;
}
