/**
 * The device side in headless Chromium (loaded from ../client.test.ts): the IndexedDB store with
 * non-extractable CryptoKeys, and the whole client against a real C# host.
 */
import type { HostMessage, PairingProgress } from '../../src/client/api.js';
import { createTetherClient, IndexedDbStore } from '../../src/client/index.js';
import { signP1363 } from '../../src/client/crypto/access-key.js';
import { deviceIdentity } from '../../src/client/storage/identity.js';
import type { HostRecord } from '../../src/client/storage/store.js';
import { unsupportedReason } from '../../src/client/support.js';
import { dh, generateKeyPair } from '../../src/noise/dh25519.js';

export interface StoreReport {
  unsupported: string | null;
  extractable: boolean[];
  exportRefused: boolean[];
  sameKeysAfterReopen: boolean;
  keysStillWork: boolean;
  hostIds: string[];
  transcriptLength: number;
  firstKept: string;
  afterForget: { hosts: number; transcript: number; delivered: string };
}

async function refuses(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return false;
  } catch {
    return true;
  }
}

export async function indexedDbStore(): Promise<StoreReport> {
  const name = `tether-test-${crypto.randomUUID()}`;
  const store = new IndexedDbStore(indexedDB, name);
  const identity = await deviceIdentity(store);
  const extractable = [identity.noise.privateKey.extractable, identity.access.privateKey.extractable];
  const exportRefused = [
    await refuses(() => crypto.subtle.exportKey('pkcs8', identity.noise.privateKey)),
    await refuses(() => crypto.subtle.exportKey('jwk', identity.access.privateKey)),
  ];

  // A reload: a new store object on the same database finds the same keys, and they still work.
  const reopened = new IndexedDbStore(indexedDB, name);
  const again = await deviceIdentity(reopened);
  const sameKeysAfterReopen = again.noise.publicKey.join() === identity.noise.publicKey.join() && again.access.publicKey.join() === identity.access.publicKey.join();
  const peer = await generateKeyPair();
  const shared = await dh(again.noise.privateKey, peer.publicKey);
  const signature = await signP1363(again.access.privateKey, new Uint8Array([1, 2, 3]));
  const keysStillWork = shared.length === 32 && signature.length === 64;

  const host: HostRecord = { id: 'ab'.repeat(16), hostName: 'h', relay: 'https://relay.example', deviceName: 'd', pairedAt: 1, hostStaticKey: new Uint8Array(32).fill(1), channelId: new Uint8Array(16).fill(0xab), certificate: new Uint8Array(219) };
  await reopened.putHost(host);
  for (let seq = 1n; seq <= 1005n; seq++) {
    const message: HostMessage = { type: 'agent.text', turn: 1, text: String(seq) };
    await reopened.saveStream(host.id, { streamId: new Uint8Array(16).fill(7), delivered: seq, peerAck: 0n, outbound: [] }, { kind: 'append', seq, message });
  }
  const transcript = await reopened.transcript(host.id);
  const first = transcript[0];
  const hostIds = (await reopened.hosts()).map((h) => h.id);
  await reopened.deleteHost(host.id);
  const report: StoreReport = {
    unsupported: await unsupportedReason(),
    extractable,
    exportRefused,
    sameKeysAfterReopen,
    keysStillWork,
    hostIds,
    transcriptLength: transcript.length,
    firstKept: first?.type === 'agent.text' ? first.text : '',
    afterForget: {
      hosts: (await reopened.hosts()).length,
      transcript: (await reopened.transcript(host.id)).length,
      delivered: String((await reopened.stream(host.id)).delivered),
    },
  };
  indexedDB.deleteDatabase(name);
  return report;
}

declare global {
  interface Window {
    /** Provided by the Node side: types the digits into the host's stdin. */
    typeCode(digits: string): Promise<void>;
  }
}

/** Pairs with the host that made `link`, then sends one prompt and returns the echo agent's text. */
export async function pairAndPrompt(link: string): Promise<{ paired: boolean; failure?: string; states: string[]; text: string }> {
  const client = await createTetherClient();
  if (client.unsupported !== null) return { paired: false, failure: client.unsupported, states: [], text: '' };
  let typing: Promise<void> = Promise.resolve();
  const result = await client.pair(link, 'chromium', (p: PairingProgress) => {
    if (p.stage === 'code') typing = window.typeCode(p.digits);
  });
  await typing;
  if (!result.ok) return { paired: false, failure: `${result.failure.code}: ${result.failure.message}`, states: [], text: '' };
  const states: string[] = [];
  let text = '';
  let online!: () => void;
  let turnDone!: () => void;
  let failed!: (error: Error) => void;
  const isOnline = new Promise<void>((resolve) => (online = resolve));
  const answered = new Promise<void>((resolve, reject) => {
    turnDone = resolve;
    failed = reject;
  });
  const session = await client.open(result.host.id, {
    message: (m) => {
      if (m.type === 'agent.text') text += m.text;
      if (m.type === 'turn.result') turnDone();
    },
    state: (s) => {
      states.push(s);
      if (s === 'online') online();
    },
    streamEnded: () => {},
    ended: (end) => failed(new Error(end.message)),
  });
  await isOnline;
  session.send({ type: 'prompt', text: 'hello from chromium' });
  await answered;
  session.close();
  await client.forget(result.host.id);
  return { paired: true, states, text };
}
