/**
 * What the web app (../app) needs from the device side of the protocol, and nothing more: the
 * pairing of a new host, the list of paired hosts, and a live session with one host. The
 * implementation lives beside this file; the app depends only on these types, so its views can be
 * tested on their own.
 *
 * Messages are those of docs/protocol.md §10, with the wire's member names.
 */

/** A host (one project on one workstation) this browser is paired with. No secret in here. */
export interface PairedHostInfo {
  /** Stable local id of the pairing (the project channel id, 32 lowercase hex). */
  readonly id: string;
  /** The host's name, from `pair.accepted`. */
  readonly hostName: string;
  /** The relay URL sessions use (§2.2 grammar). */
  readonly relay: string;
  /** The name this device has on the host. */
  readonly deviceName: string;
  /** Unix milliseconds. */
  readonly pairedAt: number;
}

/** How far a pairing has come; the app shows each stage. */
export type PairingProgress =
  | { readonly stage: 'connecting' }
  /** Show these 8 digits large; the user types them on the host. */
  | { readonly stage: 'code'; readonly digits: string }
  /** The host said the code typed there was wrong. */
  | { readonly stage: 'retry'; readonly digits: string; readonly attemptsLeft: number }
  | { readonly stage: 'saving' };

/** Why a pairing failed, as a code the app can branch on plus a sentence a person can read. */
export interface PairingFailure {
  readonly code:
    | 'link-invalid'
    | 'link-expired'
    | 'refused' // the relay refused the access code: used, expired, not open, or the host is offline
    | 'wrong-code'
    | 'expired'
    | 'cancelled'
    | 'rejected'
    | 'protocol'
    | 'connection-lost'
    | 'timeout'
    | 'storage'
    | 'unsupported';
  readonly message: string;
}

export type PairingResult =
  | { readonly ok: true; readonly host: PairedHostInfo }
  | { readonly ok: false; readonly failure: PairingFailure };

// ---- §10 messages -------------------------------------------------------------------------------

export interface SessionRule {
  readonly tool: string;
  readonly content: string;
  /** Unix ms; 0 when the device proposes it. */
  readonly expires: number;
}

export type DeviceMessage =
  | { readonly type: 'prompt'; readonly text: string }
  | { readonly type: 'interrupt' }
  | {
      readonly type: 'approval.answer';
      readonly id: string;
      readonly input_sha256: string;
      readonly decision: 'allow' | 'deny';
      readonly reason?: string;
      readonly rule?: SessionRule;
    };

export type AgentState = 'idle' | 'running' | 'waiting_approval';

export type HostMessage =
  | { readonly type: 'session.info'; readonly project: string; readonly host: string; readonly agent: string; readonly device: string }
  | { readonly type: 'agent.state'; readonly state: AgentState }
  | { readonly type: 'agent.text'; readonly turn: number; readonly text: string }
  | {
      readonly type: 'turn.result';
      readonly turn: number;
      readonly outcome: 'done' | 'interrupted' | 'error';
      readonly duration_ms: number;
      readonly cost_usd?: number;
      readonly error?: string;
    }
  | {
      readonly type: 'approval.request';
      readonly id: string;
      readonly tool: string;
      /** Canonical JSON text of the tool input: show it, and hash exactly these characters. */
      readonly input: string;
      readonly input_sha256: string;
      readonly summary: string;
      readonly cwd: string;
      /** Unix ms. */
      readonly deadline: number;
      readonly diff?: string;
    }
  | {
      readonly type: 'approval.resolved';
      readonly id: string;
      readonly decision: string;
      readonly by: 'device' | 'timeout' | 'no-device' | 'stopping';
      readonly reason?: string;
    }
  | { readonly type: 'tool.call'; readonly turn: number; readonly id: string; readonly tool: string; readonly input: string; readonly summary: string }
  | { readonly type: 'tool.result'; readonly id: string; readonly text: string; readonly size: number; readonly truncated: boolean; readonly is_error: boolean }
  | { readonly type: 'agent.exit'; readonly code?: number; readonly reason: string }
  | { readonly type: 'session.rules'; readonly rules: readonly SessionRule[] }
  | { readonly type: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly text: string };

// ---- a live session -----------------------------------------------------------------------------

/**
 * The connection as a person would describe it:
 * - `connecting`: no session yet (first connect, or reconnecting with backoff after a drop);
 * - `host-offline`: the relay is reachable but the host is not connected;
 * - `online`: an encrypted session with the host is established;
 * - `offline`: the relay cannot be reached (or the browser is offline); retrying.
 */
export type ConnectionState = 'connecting' | 'host-offline' | 'online' | 'offline';

/** Why a session is over for good (no reconnect follows). */
export interface SessionEnd {
  readonly reason: 'revoked' | 'superseded' | 'host-unreachable' | 'closed' | 'error';
  readonly message: string;
}

export interface SessionEvents {
  /** Every host message, in order, exactly once per stream (resume never repeats one). */
  message(message: HostMessage): void;
  state(state: ConnectionState): void;
  /** The host started a new stream: earlier messages belong to a session that has ended. */
  streamEnded(message: string): void;
  ended(end: SessionEnd): void;
}

export interface DeviceSession {
  readonly host: PairedHostInfo;
  /** Queues a message; it is delivered exactly once, also across reconnects within the outage window. */
  send(message: DeviceMessage): void;
  /** Closes the session (the app left it); no event follows. */
  close(): void;
}

/** Everything the app calls. */
export interface TetherClient {
  /** `null` when this browser lacks WebCrypto X25519 or IndexedDB; the app says so plainly. */
  readonly unsupported: string | null;
  hosts(): Promise<readonly PairedHostInfo[]>;
  /** Whether each host is connected to its relay now (one short device connection each). */
  presence(host: PairedHostInfo): Promise<'online' | 'offline' | 'unknown'>;
  /** Pairs from a link (`<relay>/pair#<payload>`); `deviceName` is the name suggested to the host. */
  pair(link: string, deviceName: string, progress: (p: PairingProgress) => void, signal?: AbortSignal): Promise<PairingResult>;
  /** Forgets a host on this device (its keys are deleted). */
  forget(hostId: string): Promise<void>;
  /**
   * The host messages of the current stream that this browser already received (kept across a
   * reload, bounded), oldest first; `open` then delivers only what follows them.
   */
  transcript(hostId: string): Promise<readonly HostMessage[]>;
  open(hostId: string, events: SessionEvents): Promise<DeviceSession>;
}
