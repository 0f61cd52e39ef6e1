import type { HostMessage } from '../api.js';
import { MAX_TRANSCRIPT_MESSAGES } from '../limits.js';
import { EMPTY_STREAM, type ClientStore, type DeviceIdentity, type HostRecord, type StreamRecord, type TranscriptChange } from './store.js';

/**
 * The store in memory, for Node tests only (Node has no IndexedDB). Same rules as the IndexedDB
 * store; records are copied in and out so callers cannot change what is stored.
 */
export class MemoryStore implements ClientStore {
  #identity: DeviceIdentity | null = null;
  readonly #hosts = new Map<string, HostRecord>();
  readonly #streams = new Map<string, StreamRecord>();
  readonly #transcripts = new Map<string, { seq: bigint; message: HostMessage }[]>();

  async loadIdentity(): Promise<DeviceIdentity | null> {
    return this.#identity;
  }

  async saveIdentity(identity: DeviceIdentity): Promise<DeviceIdentity> {
    this.#identity ??= identity;
    return this.#identity;
  }

  async hosts(): Promise<HostRecord[]> {
    return [...this.#hosts.values()].map((h) => structuredClone(h));
  }

  async host(id: string): Promise<HostRecord | null> {
    const h = this.#hosts.get(id);
    return h === undefined ? null : structuredClone(h);
  }

  async putHost(record: HostRecord): Promise<void> {
    this.#hosts.set(record.id, structuredClone(record));
    this.#streams.delete(record.id);
    this.#transcripts.delete(record.id);
  }

  async deleteHost(id: string): Promise<void> {
    this.#hosts.delete(id);
    this.#streams.delete(id);
    this.#transcripts.delete(id);
  }

  async stream(hostId: string): Promise<StreamRecord> {
    return structuredClone(this.#streams.get(hostId) ?? EMPTY_STREAM);
  }

  async saveStream(hostId: string, stream: StreamRecord, change: TranscriptChange): Promise<void> {
    if (!this.#hosts.has(hostId)) return; // forgotten meanwhile: keep nothing of it
    this.#streams.set(hostId, structuredClone(stream));
    if (change.kind === 'clear') this.#transcripts.delete(hostId);
    if (change.kind === 'append') {
      const list = this.#transcripts.get(hostId) ?? [];
      list.push(structuredClone({ seq: change.seq, message: change.message }));
      if (list.length > MAX_TRANSCRIPT_MESSAGES) list.splice(0, list.length - MAX_TRANSCRIPT_MESSAGES);
      this.#transcripts.set(hostId, list);
    }
  }

  async transcript(hostId: string): Promise<HostMessage[]> {
    return (this.#transcripts.get(hostId) ?? []).map((e) => structuredClone(e.message));
  }
}
