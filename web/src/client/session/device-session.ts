import type { HandshakeState } from '../../noise/handshake-state.js';
import { splitMessage } from '../../protocol/chunker.js';
import { ackRecord } from '../../protocol/records.js';
import { RekeyPolicy, type RekeyOptions } from '../../protocol/rekey-policy.js';
import type { Bytes } from '../../shared/bytes.js';
import type { ConnectionState, DeviceMessage, DeviceSession, PairedHostInfo, SessionEnd, SessionEvents } from '../api.js';
import type { Clock } from '../clock.js';
import { HANDSHAKE_RETRY_DELAY_MS, HANDSHAKE_TIMEOUT_MS, TICK_INTERVAL_MS } from '../limits.js';
import type { ClientLog } from '../log.js';
import type { NetworkWatch } from '../network.js';
import { encodeDeviceMessage } from '../messages/device-messages.js';
import { decodeHostMessage } from '../messages/host-messages.js';
import type { RelayEvent } from '../relay/relay-client.js';
import { toPairedHostInfo, type ClientStore, type DeviceIdentity, type HostRecord, type TranscriptChange } from '../storage/store.js';
import { ENDINGS, endingForClose, hostUnreachable, STREAM_ENDED } from './endings.js';
import { SECOND_MESSAGE_LENGTH, sessionPrologue } from './handshake-payload.js';
import { finishSessionHandshake, startSessionHandshake } from './session-handshake.js';
import { RecordSession, type RecordFault } from './record-session.js';
import { every } from './periodic.js';
import { SerialQueue } from './serial-queue.js';
import { StreamState } from './stream-state.js';

/** The relay connection as the session needs it (RelayClient, or a fake in tests). */
export interface SessionRelay {
  start(): void;
  send(payload: Uint8Array): boolean;
  reconnectNow(): void;
  stop(): void;
  readonly isConnected: boolean;
}

export interface DeviceSessionOptions {
  readonly host: HostRecord;
  readonly identity: DeviceIdentity;
  readonly store: ClientStore;
  readonly events: SessionEvents;
  readonly clock: Clock;
  readonly log: ClientLog;
  readonly outageWindowMs: number;
  readonly rekey?: Partial<RekeyOptions>;
  /** The browser's online/offline events; default none. */
  readonly network?: NetworkWatch;
  /** Makes the relay connection; its events go to the function given. */
  readonly relay: (onEvent: (event: RelayEvent) => void) => SessionRelay;
  /** Runs once when the session is over (closed or ended), e.g. to let another tab have the host. */
  readonly onFinished?: () => void;
}

/**
 * The device's side of a session (docs/protocol.md §9), as ReliableChannel/SessionCore/
 * DeviceHandshakes in C#: an IK handshake with the pinned host key whenever the host is there,
 * naming the stream to resume; records with acks and resends (§4.3) and rekeys (§5); a new handshake
 * after an empty DATA or a failed record; the outage window (§9.5); and the endings.
 *
 * Every relay event, send and tick runs in one queue, one at a time: Noise nonces must go in order,
 * and a message is saved (with `delivered`) before anything later runs, so no ack ever covers a
 * message that a reload would not have.
 */
export class DeviceSessionImpl implements DeviceSession {
  readonly host: PairedHostInfo;
  readonly #o: DeviceSessionOptions;
  readonly #prologue: Bytes;
  readonly #rekey: RekeyPolicy;
  readonly #relay: SessionRelay;
  #stream: StreamState;
  #session: RecordSession | null = null;
  #pending: HandshakeState | null = null;
  #pendingSince = 0;
  #handshakeDue: number | null = null;
  #ackSent = 0n;
  /** The stream came from storage and no record of it was accepted yet (§9.2 restart rule). */
  #restoredUnsynced: boolean;
  /** When the device last had no session (the outage clock runs from the start, §9.5). */
  #awaySince: number | null;
  readonly #queue = new SerialQueue((error) => this.#failed(error));
  #queuedEvents = 0;
  #tickQueued = false;
  #stopTicking: () => void = () => {};
  #state: ConnectionState | null = null;
  #finished = false;
  #unwatchNetwork: () => void = () => {};

  private constructor(options: DeviceSessionOptions, stream: StreamState) {
    this.#o = options;
    this.host = toPairedHostInfo(options.host);
    this.#prologue = sessionPrologue(options.host.channelId);
    this.#rekey = new RekeyPolicy(options.rekey ?? {});
    this.#stream = stream;
    this.#restoredUnsynced = stream.id !== null;
    this.#awaySince = options.clock.now();
    this.#relay = options.relay((event) => this.#onRelayEvent(event));
  }

  /** Loads the stream saved for this host and starts connecting. */
  static async open(options: DeviceSessionOptions): Promise<DeviceSessionImpl> {
    const stream = StreamState.restore(await options.store.stream(options.host.id));
    const session = new DeviceSessionImpl(options, stream);
    session.#setState('connecting');
    session.#relay.start();
    session.#stopTicking = every(options.clock, TICK_INTERVAL_MS, () => session.#queueTick());
    session.#unwatchNetwork = options.network?.watch((online) => session.#onNetwork(online)) ?? (() => {});
    return session;
  }

  send(message: DeviceMessage): void {
    if (this.#finished) throw new Error('this session has ended; open a new one');
    const bytes = encodeDeviceMessage(message); // throws for a message the host would refuse
    if (!this.#stream.log.canAppend(bytes.length)) throw new Error('too many messages wait for the host to acknowledge them; try again later');
    this.#enqueue(async () => {
      const entry = this.#stream.log.append(bytes);
      await this.#save({ kind: 'keep' });
      if (this.#session !== null) await this.#sendMessage(entry.seq, entry.message);
    });
  }

  close(): void {
    this.#finish(null);
  }

  /** Ends the session from outside (a newer tab took the host), with the event the app shows. */
  end(end: SessionEnd): void {
    this.#finish(end);
  }

  #onNetwork(online: boolean): void {
    this.#enqueue(() => {
      if (online) {
        this.#drop();
        this.#setState('connecting');
        this.#relay.reconnectNow();
      } else {
        this.#setState('offline');
      }
    });
  }

  // ---- relay events ----------------------------------------------------------------------------

  #onRelayEvent(event: RelayEvent): void {
    this.#queuedEvents++;
    this.#enqueue(async () => {
      this.#queuedEvents--;
      await this.#handle(event);
    });
  }

  async #handle(event: RelayEvent): Promise<void> {
    switch (event.kind) {
      case 'closed':
        return this.#finish(endingForClose(event.reason));
      case 'disconnected':
        this.#drop();
        this.#handshakeDue = null;
        // Never welcomed: the relay could not be reached (or refused us for now).
        return this.#setState(event.welcomed ? 'connecting' : 'offline');
      case 'connected':
        this.#drop();
        if (!event.hostOnline) return this.#setState('host-offline');
        this.#setState('connecting');
        return this.#startHandshake();
      case 'host-online':
        this.#drop();
        this.#setState('connecting');
        return this.#startHandshake();
      case 'host-offline':
        this.#drop();
        this.#handshakeDue = null;
        return this.#setState('host-offline');
      case 'data':
        return this.#onData(event.payload);
    }
  }

  async #onData(payload: Bytes): Promise<void> {
    if (payload.length === 0) {
      // The host dropped our session: start over (§9.6). Unauthenticated, so at worst a relay makes us
      // handshake again, which it could do by corrupting a frame. A handshake under way is the answer to it.
      if (this.#pending === null && this.#session !== null) {
        this.#drop();
        this.#retryLater();
        this.#setState('connecting');
      }
      return;
    }
    if (this.#pending !== null) {
      // Records of an earlier session still in flight are not the answer; only message 2's length is tried.
      if (payload.length === SECOND_MESSAGE_LENGTH) await this.#finishHandshake(payload);
      return;
    }
    if (this.#session !== null) await this.#openRecord(this.#session, payload);
  }

  // ---- handshakes --------------------------------------------------------------------------------

  async #startHandshake(): Promise<void> {
    if (this.#finished) return;
    const { identity, host, clock } = this.#o;
    const { handshake, message1 } = await startSessionHandshake(identity, host.hostStaticKey, this.#prologue, this.#stream.id);
    this.#pending = handshake;
    this.#pendingSince = clock.now();
    this.#handshakeDue = null;
    this.#relay.send(message1);
  }

  async #finishHandshake(message2: Bytes): Promise<void> {
    const handshake = this.#pending!;
    this.#pending = null;
    const answer = await finishSessionHandshake(handshake, message2, this.#stream.id);
    if (!answer.ok) return this.#refuseAnswer(answer.why);
    if (!answer.resumed) await this.#adoptStream(answer.streamId);
    this.#session = new RecordSession(answer.transport, this.#rekey, this.#o.clock);
    this.#awaySince = null;
    this.#ackSent = 0n;
    this.#stream.prepareForSession();
    this.#setState('online');
    const resend = this.#stream.log.messagesToResend();
    for (const entry of resend) await this.#sendMessage(entry.seq, entry.message);
    // With nothing to resend, tell the host at once how far we got, so it can forget what we have.
    if (resend.length === 0) await this.#sendAckIfOwed();
  }

  #refuseAnswer(why: string): void {
    // Perhaps a stale answer to an earlier attempt; retrying at once could chase it for ever.
    this.#o.log.warn(`security: the host's answer was not valid (${why}) on channel ${this.host.id.slice(0, 8)}`);
    this.#retryLater();
  }

  /** The host did not resume: if we had a stream, it ended there (§9.2). */
  async #adoptStream(id: Bytes): Promise<void> {
    this.#restoredUnsynced = false;
    if (this.#stream.id === null) {
      // The first stream: what was queued before it belongs to it.
      this.#stream.id = id;
      return this.#save({ kind: 'keep' });
    }
    this.#stream = StreamState.fresh(id);
    await this.#save({ kind: 'clear' });
    this.#notify(() => this.#o.events.streamEnded(STREAM_ENDED.hostStartedNew));
  }

  /**
   * The stream restored from storage does not match the host's (another tab, or storage from
   * elsewhere): ask for a new stream next time rather than fail the same way for ever, keeping the
   * messages not yet acknowledged for it.
   */
  async #abandonRestoredStream(): Promise<void> {
    this.#restoredUnsynced = false;
    const old = this.#stream;
    this.#stream = StreamState.fresh(null);
    for (const entry of old.log.messagesToResend()) this.#stream.log.append(entry.message);
    await this.#save({ kind: 'clear' });
    this.#notify(() => this.#o.events.streamEnded(STREAM_ENDED.restoredLost));
  }

  // ---- records -----------------------------------------------------------------------------------

  async #openRecord(session: RecordSession, payload: Bytes): Promise<void> {
    const stream = this.#stream;
    const unacked = stream.log.unackedCount;
    const result = await session.open(payload, stream.log, stream.reassembler);
    if (!result.ok) return this.#recordFailed(result);
    this.#restoredUnsynced = false;
    const outcome = result.outcome;
    if (outcome.kind === 'delivered') {
      const decoded = decodeHostMessage(outcome.message);
      if (!decoded.ok) this.#o.log.warn(`ignored a host message: ${decoded.why}`);
      // Saved before it is acknowledged or shown: a reload then has it, and the host may forget it.
      await this.#save(decoded.ok ? { kind: 'append', seq: outcome.seq, message: decoded.message } : { kind: 'keep' }, outcome.seq);
      stream.saved = outcome.seq;
      if (decoded.ok) this.#notify(() => this.#o.events.message(decoded.message));
    } else if (stream.log.unackedCount !== unacked) {
      await this.#save({ kind: 'keep' });
    }
    // Acknowledge once a burst is over: until then the next record carries the ack.
    if (this.#queuedEvents === 0) await this.#sendAckIfOwed();
  }

  async #recordFailed(failure: RecordFault): Promise<void> {
    this.#o.log.warn(`security: a record from the host was refused (${failure.fault}: ${failure.code}) on channel ${this.host.id.slice(0, 8)}`);
    if (this.#restoredUnsynced && failure.fault !== 'undecryptable') await this.#abandonRestoredStream();
    this.#drop();
    this.#retryLater();
    this.#setState('connecting');
  }

  async #sendMessage(seq: bigint, message: Bytes): Promise<void> {
    for (const record of splitMessage(message, seq, this.#stream.saved)) {
      if (!(await this.#seal(record))) return;
    }
  }

  async #sendAckIfOwed(): Promise<void> {
    if (this.#session !== null && this.#stream.saved > this.#ackSent) await this.#seal(ackRecord(this.#stream.saved));
  }

  /** Seals and sends one record of the current session; false (and the session dropped) when the connection is gone. */
  async #seal(record: Parameters<RecordSession['seal']>[0]): Promise<boolean> {
    const session = this.#session;
    if (session === null) return false;
    const sealed = await session.seal(record);
    if (!this.#relay.send(sealed)) {
      this.#drop();
      return false;
    }
    if (record.ack > this.#ackSent) this.#ackSent = record.ack;
    return true;
  }

  // ---- timing and state ------------------------------------------------------------------------------

  /** The periodic check, queued unless one is still waiting. */
  #queueTick(): void {
    if (this.#tickQueued) return;
    this.#tickQueued = true;
    this.#enqueue(async () => {
      this.#tickQueued = false;
      await this.#tick();
    });
  }

  /** For tests: resolves once everything queued so far (events, sends, ticks) has run. */
  idleForTesting(): Promise<void> {
    return this.#queue.idle();
  }

  async #tick(): Promise<void> {
    const now = this.#o.clock.now();
    if (this.#session === null && this.#awaySince !== null && now - this.#awaySince >= this.#o.outageWindowMs) {
      return this.#finish(hostUnreachable(this.#o.outageWindowMs));
    }
    const stalled = this.#pending !== null && now - this.#pendingSince >= HANDSHAKE_TIMEOUT_MS;
    const due = this.#handshakeDue !== null && now >= this.#handshakeDue;
    if (this.#relay.isConnected && (stalled || due)) await this.#startHandshake();
  }

  #retryLater(): void {
    this.#handshakeDue = this.#o.clock.now() + HANDSHAKE_RETRY_DELAY_MS;
  }

  /** Drops the session or pending handshake; the stream keeps every message. */
  #drop(): void {
    if (this.#session !== null) this.#awaySince = this.#o.clock.now();
    this.#session = null;
    this.#pending = null;
    this.#ackSent = 0n;
  }

  #setState(state: ConnectionState): void {
    if (this.#finished || state === this.#state) return;
    this.#state = state;
    this.#notify(() => this.#o.events.state(state));
  }

  /** Ends for good; `end` null means the app closed it, and no event follows. */
  #finish(end: SessionEnd | null): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#drop();
    this.#relay.stop();
    this.#unwatchNetwork();
    this.#stopTicking();
    this.#queue.stop();
    this.#o.onFinished?.();
    if (end !== null) this.#notify(() => this.#o.events.ended(end));
  }

  async #save(change: TranscriptChange, delivered: bigint = this.#stream.saved): Promise<void> {
    try {
      await this.#o.store.saveStream(this.host.id, this.#stream.toRecord(delivered), change);
    } catch (error) {
      throw new StorageFailure(error);
    }
  }

  #enqueue(step: () => Promise<void> | void): Promise<void> {
    return this.#queue.run(step);
  }

  #failed(error: unknown): void {
    this.#o.log.warn(`session stopped: ${error instanceof Error ? `${error.name}: ${error.message}` : 'error'}`);
    this.#finish(error instanceof StorageFailure ? ENDINGS.storage : ENDINGS.internal);
  }

  /** The app's handlers are its own: a throw there must not stop the session. */
  #notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#o.log.warn(`an app event handler threw (${error instanceof Error ? error.name : 'error'})`);
    }
  }
}

/** Saving failed: the session stops rather than acknowledge what a reload would not have. */
class StorageFailure extends Error {
  constructor(cause: unknown) {
    super('saving the stream failed', { cause });
    this.name = 'StorageFailure';
  }
}
