import type { HostMessage } from '../api.js';
import { MAX_TRANSCRIPT_MESSAGES } from '../limits.js';
import { EMPTY_STREAM, type ClientStore, type DeviceIdentity, type HostRecord, type StreamRecord, type TranscriptChange } from './store.js';

/**
 * The store in the browser's IndexedDB. CryptoKeys are stored as objects: IndexedDB structured-clones
 * them, non-extractable ones included, and they stay usable only by this origin's WebCrypto.
 *
 *   identity    key "device"               → DeviceIdentity
 *   hosts       keyPath id                 → HostRecord
 *   streams     key host id                → StreamRecord
 *   transcript  keyPath [hostId, seq]      → { hostId, seq (number), message }
 *
 * A stream save and its transcript change are one transaction, so a reload never sees a `delivered`
 * without the messages it covers (or the reverse).
 */
const DB_VERSION = 1;
const IDENTITY_KEY = 'device';

interface TranscriptRow {
  readonly hostId: string;
  readonly seq: number;
  readonly message: HostMessage;
}

export class IndexedDbStore implements ClientStore {
  readonly #db: Promise<IDBDatabase>;

  constructor(factory: IDBFactory = indexedDB, name = 'tether-device') {
    this.#db = openDatabase(factory, name);
  }

  async loadIdentity(): Promise<DeviceIdentity | null> {
    return ((await this.#get('identity', IDENTITY_KEY)) as DeviceIdentity | undefined) ?? null;
  }

  async saveIdentity(identity: DeviceIdentity): Promise<DeviceIdentity> {
    const db = await this.#db;
    const tx = db.transaction('identity', 'readwrite');
    const store = tx.objectStore('identity');
    const existing = (await request(store.get(IDENTITY_KEY))) as DeviceIdentity | undefined;
    if (existing === undefined) store.put(identity, IDENTITY_KEY);
    await done(tx);
    return existing ?? identity;
  }

  async hosts(): Promise<HostRecord[]> {
    const db = await this.#db;
    return (await request(db.transaction('hosts').objectStore('hosts').getAll())) as HostRecord[];
  }

  async host(id: string): Promise<HostRecord | null> {
    return ((await this.#get('hosts', id)) as HostRecord | undefined) ?? null;
  }

  async putHost(record: HostRecord): Promise<void> {
    const tx = (await this.#db).transaction(['hosts', 'streams', 'transcript'], 'readwrite');
    tx.objectStore('hosts').put(record);
    tx.objectStore('streams').delete(record.id);
    tx.objectStore('transcript').delete(hostRange(record.id));
    await done(tx);
  }

  async deleteHost(id: string): Promise<void> {
    const tx = (await this.#db).transaction(['hosts', 'streams', 'transcript'], 'readwrite');
    tx.objectStore('hosts').delete(id);
    tx.objectStore('streams').delete(id);
    tx.objectStore('transcript').delete(hostRange(id));
    await done(tx);
  }

  async stream(hostId: string): Promise<StreamRecord> {
    return ((await this.#get('streams', hostId)) as StreamRecord | undefined) ?? EMPTY_STREAM;
  }

  async saveStream(hostId: string, stream: StreamRecord, change: TranscriptChange): Promise<void> {
    const tx = (await this.#db).transaction(['hosts', 'streams', 'transcript'], 'readwrite');
    // Forgotten meanwhile: keep nothing of it.
    if ((await request(tx.objectStore('hosts').count(hostId))) === 0) return done(tx);
    tx.objectStore('streams').put(stream, hostId);
    const transcript = tx.objectStore('transcript');
    if (change.kind === 'clear') transcript.delete(hostRange(hostId));
    if (change.kind === 'append') {
      const seq = Number(change.seq);
      const row: TranscriptRow = { hostId, seq, message: change.message };
      transcript.put(row);
      // Older than the bound: delete by key range, no read needed.
      if (seq > MAX_TRANSCRIPT_MESSAGES) transcript.delete(IDBKeyRange.bound([hostId, 0], [hostId, seq - MAX_TRANSCRIPT_MESSAGES]));
    }
    await done(tx);
  }

  async transcript(hostId: string): Promise<HostMessage[]> {
    const db = await this.#db;
    const rows = (await request(db.transaction('transcript').objectStore('transcript').getAll(hostRange(hostId)))) as TranscriptRow[];
    return rows.map((r) => r.message);
  }

  async #get(store: string, key: IDBValidKey): Promise<unknown> {
    const db = await this.#db;
    return request(db.transaction(store).objectStore(store).get(key));
  }
}

function hostRange(hostId: string): IDBKeyRange {
  return IDBKeyRange.bound([hostId, -Infinity], [hostId, Infinity]);
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const open = factory.open(name, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('identity');
    db.createObjectStore('hosts', { keyPath: 'id' });
    db.createObjectStore('streams');
    db.createObjectStore('transcript', { keyPath: ['hostId', 'seq'] });
  };
  return request(open);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
