import type { KeyPair } from '../../noise/dh25519.js';
import type { Bytes } from '../../shared/bytes.js';
import type { HostMessage, PairedHostInfo } from '../api.js';
import type { AccessKey } from '../crypto/access-key.js';

/**
 * What the device keeps between page loads. Browsers keep it in IndexedDB (indexeddb-store.ts);
 * Node tests use memory-store.ts. Nothing secret goes anywhere else (never localStorage): the
 * private keys are non-extractable CryptoKeys, stored as objects (IndexedDB structured-clones them)
 * and unusable outside this origin's WebCrypto.
 */
export interface DeviceIdentity {
  /** The Noise static key (X25519) that hosts pin as this device. */
  readonly noise: KeyPair;
  /** The relay access key (ECDSA P-256) that certificates name. */
  readonly access: AccessKey;
}

/** A paired host, with what sessions need beyond PairedHostInfo. */
export interface HostRecord extends PairedHostInfo {
  /** X25519, pinned from the pairing link for every session. */
  readonly hostStaticKey: Bytes;
  /** The project channel id (16 bytes); `id` is its hex. */
  readonly channelId: Bytes;
  /** The device certificate (219 bytes, §7.1). */
  readonly certificate: Bytes;
}

/** One unacknowledged message of ours. */
export interface OutboundEntry {
  readonly seq: bigint;
  readonly message: Bytes;
}

/**
 * A stream's record state (§9.2), enough to resume it exactly after a reload: the id, the highest
 * seq received and saved (the only ack ever sent), and our unacknowledged messages.
 */
export interface StreamRecord {
  /** Null before the host named a stream. */
  readonly streamId: Bytes | null;
  readonly delivered: bigint;
  /** The host's last ack of our messages; `outbound` holds seq peerAck+1 … in order. */
  readonly peerAck: bigint;
  readonly outbound: readonly OutboundEntry[];
}

export const EMPTY_STREAM: StreamRecord = Object.freeze({ streamId: null, delivered: 0n, peerAck: 0n, outbound: [] });

/** How the transcript changes with a stream save. */
export type TranscriptChange =
  | { readonly kind: 'keep' }
  | { readonly kind: 'append'; readonly seq: bigint; readonly message: HostMessage }
  /** A new stream: the old transcript belongs to a session that ended. */
  | { readonly kind: 'clear' };

export interface ClientStore {
  loadIdentity(): Promise<DeviceIdentity | null>;
  /** Saves the identity unless one exists; returns the one that is stored (another tab may have won). */
  saveIdentity(identity: DeviceIdentity): Promise<DeviceIdentity>;
  hosts(): Promise<HostRecord[]>;
  host(id: string): Promise<HostRecord | null>;
  /** Saves a pairing; a new pairing with the same host starts with no stream. */
  putHost(record: HostRecord): Promise<void>;
  /** Forgets a host, its stream and its transcript. */
  deleteHost(id: string): Promise<void>;
  stream(hostId: string): Promise<StreamRecord>;
  /** Saves the stream state and the transcript change together (one transaction in IndexedDB). */
  saveStream(hostId: string, stream: StreamRecord, transcript: TranscriptChange): Promise<void>;
  /** The last MAX_TRANSCRIPT_MESSAGES host messages of the stream, oldest first. */
  transcript(hostId: string): Promise<HostMessage[]>;
}

/** The part of a host record the app sees: no keys, no certificate. */
export function toPairedHostInfo(host: HostRecord): PairedHostInfo {
  return { id: host.id, hostName: host.hostName, relay: host.relay, deviceName: host.deviceName, pairedAt: host.pairedAt };
}
