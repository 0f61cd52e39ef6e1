import type { Bytes } from '../../shared/bytes.js';
import { MIN_REFRESH_INTERVAL_MS, REFRESH_BEFORE_MS } from '../limits.js';
import { backoffDelay } from './backoff.js';
import { isTerminal, type CloseReason } from './close-reasons.js';
import { openDeviceConnection, type DeviceConnectionContext } from './device-connection.js';
import { encodeData, encodeRefresh } from './frames.js';
import type { ConnectionEnd, RelayConnection, Welcome, WelcomedFrame } from './relay-connection.js';

/** What happens on the channel, in order; `closed` is last. */
export type RelayEvent =
  | { readonly kind: 'connected'; readonly hostOnline: boolean }
  | { readonly kind: 'host-online' }
  | { readonly kind: 'host-offline' }
  | { readonly kind: 'data'; readonly payload: Bytes }
  /** The connection ended (or never got to WELCOME); the next attempt follows after `delayMs`. */
  | { readonly kind: 'disconnected'; readonly reason: CloseReason | null; readonly welcomed: boolean; readonly delayMs: number }
  /** Stopped for good: a terminal close (revoked, superseded, auth-failed after a proof, ...). */
  | { readonly kind: 'closed'; readonly reason: CloseReason | null };

export interface RelayClientOptions extends DeviceConnectionContext {
  readonly random?: () => number;
  readonly onEvent: (event: RelayEvent) => void;
}

/**
 * A device's connection to its host's channel, kept up (docs/protocol.md §7): connects, proves
 * itself (a saved token while it looks valid, else the certificate and a signature), keeps the token
 * fresh, and reconnects after a drop with backoff until stopped or told to stop for good.
 *
 * A refused saved token is retried at once with a proof; after RESTARTING the wait is the relay's
 * hint plus jitter; the attempt count restarts after every WELCOME.
 */
export class RelayClient {
  readonly #options: RelayClientOptions;
  #connection: RelayConnection | null = null;
  #attempt = 0;
  #usedToken = false;
  #retryTimer: unknown = null;
  #refreshTimer: unknown = null;
  #lastRefreshMs: number | null = null;
  #stopped = false;

  constructor(options: RelayClientOptions) {
    this.#options = options;
  }

  start(): void {
    this.#connect();
  }

  get isConnected(): boolean {
    return this.#connection?.welcomed ?? false;
  }

  /** Sends one Noise message to the host; false when no welcomed connection is up (the record layer resends). */
  send(payload: Uint8Array): boolean {
    return this.#connection?.send(encodeData(payload)) ?? false;
  }

  /**
   * The network came back (the browser's `online` event): a socket from before may be half-open
   * and a backoff may be long, so connect again now, from the first attempt.
   */
  reconnectNow(): void {
    if (this.#stopped) return;
    // Closing reports a disconnect and schedules a retry; an attempt now replaces that retry.
    this.#connection?.close();
    this.#options.clock.clearTimeout(this.#retryTimer);
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes for good; no event follows. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#options.clock.clearTimeout(this.#retryTimer);
    this.#options.clock.clearTimeout(this.#refreshTimer);
    this.#connection?.close();
    this.#connection = null;
  }

  #connect(): void {
    if (this.#stopped) return;
    const { connection, usedToken } = openDeviceConnection(this.#options, {
      welcome: (welcome) => this.#welcomed(welcome),
      frame: (frame) => this.#frame(frame),
      end: (end) => this.#ended(end),
    });
    this.#connection = connection;
    this.#usedToken = usedToken;
  }

  #welcomed(welcome: Welcome): void {
    this.#attempt = 0;
    if (welcome.token !== null) this.#options.token.set(welcome.token, welcome.expires);
    this.#scheduleRefresh();
    this.#emit({ kind: 'connected', hostOnline: welcome.hostOnline });
  }

  #frame(frame: WelcomedFrame): void {
    switch (frame.type) {
      case 'token':
        this.#options.token.set(frame.token, frame.expires);
        this.#scheduleRefresh();
        return;
      case 'data':
        this.#emit({ kind: 'data', payload: frame.payload });
        return;
      default:
        this.#emit({ kind: frame.type });
    }
  }

  #ended(end: ConnectionEnd): void {
    this.#connection = null;
    this.#options.clock.clearTimeout(this.#refreshTimer);
    if (this.#stopped) return;
    const { token, random } = this.#options;
    if (this.#usedToken && !end.welcomed && end.reason === 'auth-failed') {
      // Not terminal: the saved token was refused (expired, rotated relay key, another node's clock). Prove instead, at once.
      token.set(null);
      this.#retryTimer = this.#options.clock.setTimeout(() => this.#connect(), 0);
      return;
    }
    if (end.reason === 'token-expired') token.set(null);
    if (isTerminal(end.reason)) {
      this.#stopped = true;
      this.#emit({ kind: 'closed', reason: end.reason });
      return;
    }
    const delayMs = end.restartAfterMs !== null ? end.restartAfterMs + backoffDelay(0, random) : backoffDelay(this.#attempt, random);
    this.#attempt++;
    this.#emit({ kind: 'disconnected', reason: end.reason, welcomed: end.welcomed, delayMs });
    this.#retryTimer = this.#options.clock.setTimeout(() => this.#connect(), delayMs);
  }

  /** REFRESH once less than 5 minutes remain, at most once a minute (§7.3). */
  #scheduleRefresh(): void {
    const { clock, token } = this.#options;
    clock.clearTimeout(this.#refreshTimer);
    if (!token.present || this.#stopped) return;
    let wait = token.remainingMs(clock) - REFRESH_BEFORE_MS;
    if (this.#lastRefreshMs !== null) wait = Math.max(wait, this.#lastRefreshMs + MIN_REFRESH_INTERVAL_MS - clock.now());
    this.#refreshTimer = clock.setTimeout(() => {
      if (this.#connection?.send(encodeRefresh()) === true) this.#lastRefreshMs = clock.now();
      this.#scheduleRefresh();
    }, Math.max(0, wait));
  }

  #emit(event: RelayEvent): void {
    if (this.#stopped && event.kind !== 'closed') return;
    this.#options.onEvent(event);
  }
}
