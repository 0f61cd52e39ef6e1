import { takeTabLock } from './session/tab-lock.js';
import type { RekeyOptions } from '../protocol/rekey-policy.js';
import type { DeviceSession, HostMessage, PairedHostInfo, PairingProgress, PairingResult, SessionEvents, TetherClient } from './api.js';
import { systemClock, type Clock } from './clock.js';
import { DEFAULT_OUTAGE_WINDOW_MS } from './limits.js';
import { consoleLog, type ClientLog } from './log.js';
import { browserNetwork, type NetworkWatch } from './network.js';
import { pairDevice } from './pairing/pair-device.js';
import { checkPresence } from './relay/presence.js';
import type { DeviceCredential } from './relay/device-connection.js';
import { RelayClient } from './relay/relay-client.js';
import { TokenSlot } from './relay/token-slot.js';
import { platformWebSocket, type WebSocketFactory } from './relay/websocket.js';
import { DeviceSessionImpl } from './session/device-session.js';
import { deviceIdentity } from './storage/identity.js';
import { IndexedDbStore } from './storage/indexeddb-store.js';
import { toPairedHostInfo, type ClientStore, type DeviceIdentity, type HostRecord } from './storage/store.js';
import { unsupportedReason } from './support.js';

/** Said in the older tab when a newer tab of the same browser opens the same host. */
const OPENED_IN_ANOTHER_TAB = { reason: 'superseded', message: 'This host was opened in another tab of this browser.' } as const;

export interface TetherClientOptions {
  /** Where keys and pairings live; default: IndexedDB. Node tests pass a MemoryStore. */
  readonly store?: ClientStore;
  /** Default: the platform's WebSocket. */
  readonly webSocket?: WebSocketFactory;
  readonly clock?: Clock;
  readonly log?: ClientLog;
  /** How long a session keeps trying to reach its host (§9.5); default 10 minutes. */
  readonly outageWindowMs?: number;
  /** Rekey policy (§5); default the protocol's. */
  readonly rekey?: Partial<RekeyOptions>;
  /** Jitter source for reconnect backoff; default Math.random. */
  readonly random?: () => number;
  /** The browser's online/offline events; default the page's (none in Node). */
  readonly network?: NetworkWatch;
}

/**
 * Makes the device side of Tether for the app. Async because whether this browser can do X25519 is
 * only known by trying (`unsupported`); when it cannot, every other call refuses plainly.
 */
export async function createTetherClient(options: TetherClientOptions = {}): Promise<TetherClient> {
  const unsupported = options.store === undefined ? await unsupportedReason() : await cryptoOnlyReason();
  if (unsupported !== null) return new UnsupportedClient(unsupported);
  return new Client(options.store ?? new IndexedDbStore(), options);
}

/** With a store given (tests), IndexedDB is not needed; WebCrypto X25519 still is. */
async function cryptoOnlyReason(): Promise<string | null> {
  const reason = await unsupportedReason();
  return reason !== null && !reason.includes('IndexedDB') ? reason : null;
}

class Client implements TetherClient {
  readonly unsupported = null;
  readonly #store: ClientStore;
  readonly #clock: Clock;
  readonly #log: ClientLog;
  readonly #webSocket: WebSocketFactory;
  readonly #options: TetherClientOptions;
  /** Connect tokens per host, in memory: sessions and presence checks share them. */
  readonly #tokens = new Map<string, TokenSlot>();
  /** One live session per host: a second open replaces the first. */
  readonly #sessions = new Map<string, DeviceSession>();
  #identity: Promise<DeviceIdentity> | null = null;

  constructor(store: ClientStore, options: TetherClientOptions) {
    this.#store = store;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? consoleLog;
    this.#webSocket = options.webSocket ?? platformWebSocket;
  }

  async hosts(): Promise<readonly PairedHostInfo[]> {
    return (await this.#store.hosts()).map(toPairedHostInfo).sort((a, b) => a.pairedAt - b.pairedAt);
  }

  async presence(host: PairedHostInfo): Promise<'online' | 'offline' | 'unknown'> {
    const record = await this.#store.host(host.id);
    if (record === null) return 'unknown';
    return checkPresence({ relay: record.relay, credential: await this.#credential(record), token: this.#token(record.id), clock: this.#clock, webSocket: this.#webSocket, log: this.#log });
  }

  pair(link: string, deviceName: string, progress: (p: PairingProgress) => void, signal?: AbortSignal): Promise<PairingResult> {
    return pairDevice({ link, deviceName, progress, signal, identity: () => this.#deviceIdentity(), store: this.#store, clock: this.#clock, webSocket: this.#webSocket, log: this.#log });
  }

  async forget(hostId: string): Promise<void> {
    this.#sessions.get(hostId)?.close();
    this.#sessions.delete(hostId);
    this.#tokens.delete(hostId);
    await this.#store.deleteHost(hostId);
  }

  transcript(hostId: string): Promise<readonly HostMessage[]> {
    return this.#store.transcript(hostId);
  }

  async open(hostId: string, events: SessionEvents): Promise<DeviceSession> {
    const host = await this.#store.host(hostId);
    if (host === null) throw new Error('this browser is not paired with that host');
    this.#sessions.get(hostId)?.close();
    const taken = { session: null as DeviceSessionImpl | null, stolen: false };
    const lock = await takeTabLock(hostId, () => {
      taken.stolen = true;
      taken.session?.end(OPENED_IN_ANOTHER_TAB);
    });
    let session: DeviceSessionImpl;
    try {
      const identity = await this.#deviceIdentity();
      const credential = await this.#credential(host);
      session = await DeviceSessionImpl.open({
        onFinished: () => lock.release(),
        host,
        identity,
        store: this.#store,
        events,
        clock: this.#clock,
        log: this.#log,
        outageWindowMs: this.#options.outageWindowMs ?? DEFAULT_OUTAGE_WINDOW_MS,
        network: this.#options.network ?? browserNetwork,
        ...(this.#options.rekey === undefined ? {} : { rekey: this.#options.rekey }),
        relay: (onEvent) =>
          new RelayClient({
            relay: host.relay,
            credential,
            token: this.#token(host.id),
            clock: this.#clock,
            webSocket: this.#webSocket,
            log: this.#log,
            ...(this.#options.random === undefined ? {} : { random: this.#options.random }),
            onEvent,
          }),
      });
    } catch (error) {
      lock.release();
      throw error;
    }
    taken.session = session;
    if (taken.stolen) session.end(OPENED_IN_ANOTHER_TAB);
    this.#sessions.set(hostId, session);
    return session;
  }

  #deviceIdentity(): Promise<DeviceIdentity> {
    this.#identity ??= deviceIdentity(this.#store).catch((error: unknown) => {
      this.#identity = null;
      throw error;
    });
    return this.#identity;
  }

  async #credential(host: HostRecord): Promise<DeviceCredential> {
    const identity = await this.#deviceIdentity();
    return { channelId: host.channelId, certificate: host.certificate, accessKey: identity.access.privateKey };
  }

  #token(hostId: string): TokenSlot {
    let slot = this.#tokens.get(hostId);
    if (slot === undefined) this.#tokens.set(hostId, (slot = new TokenSlot()));
    return slot;
  }
}

/** What the app gets in a browser that cannot run Tether: the reason, and refusals. */
class UnsupportedClient implements TetherClient {
  constructor(readonly unsupported: string) {}

  async hosts(): Promise<readonly PairedHostInfo[]> {
    return [];
  }

  async presence(): Promise<'unknown'> {
    return 'unknown';
  }

  async pair(): Promise<PairingResult> {
    return { ok: false, failure: { code: 'unsupported', message: this.unsupported } };
  }

  async forget(): Promise<void> {}

  async transcript(): Promise<readonly HostMessage[]> {
    return [];
  }

  async open(): Promise<DeviceSession> {
    throw new Error(this.unsupported);
  }
}
