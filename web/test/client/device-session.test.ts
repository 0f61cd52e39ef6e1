import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { HostRecord, StreamRecord, TranscriptChange } from '../../src/client/storage/store.js';
import { generateAccessKey } from '../../src/client/crypto/access-key.js';
import { MemoryStore } from '../../src/client/storage/memory-store.js';
import { DeviceSessionImpl, type SessionRelay } from '../../src/client/session/device-session.js';
import type { RelayEvent } from '../../src/client/relay/relay-client.js';
import { generateKeyPair } from '../../src/noise/dh25519.js';
import type { Bytes } from '../../src/shared/bytes.js';
import type { NetworkWatch } from '../../src/client/network.js';
import { toHex } from '../../src/shared/hex.js';
import { FakeClock, settle, waitFor } from './support/fake-clock.js';
import { NoiseHost } from './support/noise-host.js';
import { SessionProbe } from './support/session-probe.js';

const channelId = new Uint8Array(16).fill(0x42);
const STREAM_A = new Uint8Array(16).fill(0xa);
const STREAM_B = new Uint8Array(16).fill(0xb);
const INFO = '{"type":"session.info","project":"p","host":"h","agent":"echo","device":"d"}';

class FakeRelay implements SessionRelay {
  readonly sent: Bytes[] = [];
  isConnected = false;
  stopped = false;
  constructor(readonly emit: (e: RelayEvent) => void) {}
  reconnects = 0;
  start(): void {}
  reconnectNow(): void {
    this.reconnects++;
  }
  send(payload: Uint8Array): boolean {
    if (!this.isConnected) return false;
    this.sent.push(new Uint8Array(payload));
    return true;
  }
  stop(): void {
    this.stopped = true;
  }
}

/** A store that can hold stream saves back, to see what is sent before a save completes. */
class GatedStore extends MemoryStore {
  gate: Promise<void> | null = null;
  held = 0;
  override async saveStream(hostId: string, stream: StreamRecord, change: TranscriptChange): Promise<void> {
    if (this.gate !== null) {
      this.held++;
      await this.gate;
    }
    return super.saveStream(hostId, stream, change);
  }
}

async function world(options: { store?: GatedStore } = {}) {
  const clock = new FakeClock();
  const store = options.store ?? new GatedStore();
  const host = await NoiseHost.create(channelId);
  const record: HostRecord = { id: toHex(channelId), hostName: 'h', relay: 'https://relay.example', deviceName: 'd', pairedAt: 0, hostStaticKey: host.keys.publicKey, channelId, certificate: new Uint8Array(219) };
  await store.putHost(record);
  const probe = new SessionProbe();
  const warnings: string[] = [];
  return { clock, store, host, probe, warnings, record, identity: await realIdentity() };
}

/** A device identity as the client makes one: a Noise static key and an access key. */
async function realIdentity(): Promise<{ noise: Awaited<ReturnType<typeof generateKeyPair>>; access: Awaited<ReturnType<typeof generateAccessKey>> }> {
  return { noise: await generateKeyPair(), access: await generateAccessKey() };
}


type World = Awaited<ReturnType<typeof world>>;

/** Every session the tests opened, so that `idle` can wait for their queues. */
const sessions: DeviceSessionImpl[] = [];

/** Waits until every session has handled everything queued so far (WebCrypto included). */
async function idle(): Promise<void> {
  await Promise.all(sessions.map((s) => s.idleForTesting()));
  await settle();
}

/** Opens a session of `w` with a fresh device identity; returns it and its fake relay. */
async function start(w: World, probe: SessionProbe = w.probe, outageWindowMs = 600_000, network?: NetworkWatch): Promise<{ session: DeviceSessionImpl; relay: FakeRelay }> {
  let relay!: FakeRelay;
  const session = await DeviceSessionImpl.open({
    host: w.record,
    identity: w.identity,
    store: w.store,
    events: probe,
    clock: w.clock,
    log: { warn: (l) => w.warnings.push(l) },
    outageWindowMs,
    ...(network === undefined ? {} : { network }),
    relay: (emit) => (relay = new FakeRelay(emit)),
  });
  sessions.push(session);
  return { session, relay };
}

/** Connects with the host online and completes a handshake answered with `stream`. */
async function connect(w: World, relay: FakeRelay, stream: Uint8Array, resumed: boolean): Promise<void> {
  const before = relay.sent.length;
  relay.isConnected = true;
  relay.emit({ kind: 'connected', hostOnline: true });
  await waitFor('message 1', () => relay.sent.length > before);
  const message1 = relay.sent.at(-1)!;
  assert.equal(message1.length, 113, 'IK message 1 with its 17-byte payload');
  relay.emit({ kind: 'data', payload: await w.host.answer(message1, stream, resumed) });
  await idle();
}

describe('a device session (docs/protocol.md §9)', () => {
  it('goes connecting → host-offline → connecting → online as the relay and host come', async () => {
    const w = await world();
    const { relay } = await start(w);
    relay.isConnected = true;
    relay.emit({ kind: 'connected', hostOnline: false });
    await idle();
    assert.equal(relay.sent.length, 0, 'no handshake while the host is away');
    relay.emit({ kind: 'host-online' });
    await waitFor('message 1', () => relay.sent.length > 0);
    relay.emit({ kind: 'data', payload: await w.host.answer(relay.sent[0]!, STREAM_A, false) });
    await idle();
    assert.deepEqual(w.probe.states, ['connecting', 'host-offline', 'connecting', 'online']);
    relay.emit({ kind: 'disconnected', reason: null, welcomed: true, delayMs: 100 });
    relay.emit({ kind: 'disconnected', reason: null, welcomed: false, delayMs: 200 });
    await idle();
    assert.deepEqual(w.probe.states.slice(4), ['connecting', 'offline']);
    assert.deepEqual((await w.store.stream(w.record.id)).streamId, STREAM_A, 'the stream id is saved');
  });

  it('delivers each host message once, saves it before acknowledging it, and drops a resent duplicate', async () => {
    const store = new GatedStore();
    const w = await world({ store });
    const { relay } = await start(w);
    await connect(w, relay, STREAM_A, false);
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));
    const sentBefore = relay.sent.length;
    for (const frame of await w.host.seal(INFO)) relay.emit({ kind: 'data', payload: frame });
    await waitFor('the save to be held', () => store.held > 0); // not idle(): the queue waits for it
    assert.equal(relay.sent.length, sentBefore, 'nothing, no ack, goes out before the message is saved');
    assert.equal(w.probe.messages.length, 0, 'nor is it shown');
    store.gate = null;
    release();
    await idle();
    assert.equal(w.probe.messages.length, 1);
    const ack = await w.host.open(relay.sent.at(-1)!);
    assert.deepEqual([ack.kind, ack.ack], ['ack', 1n]);
    assert.deepEqual(await w.store.transcript(w.record.id), w.probe.messages);

    // After a reconnect the host resends seq 1 (it had not seen the ack): a duplicate, not shown again.
    await connect(w, relay, STREAM_A, true);
    for (const frame of await w.host.seal(INFO, 0n, 1n)) relay.emit({ kind: 'data', payload: frame });
    await idle();
    assert.equal(w.probe.messages.length, 1);
    assert.deepEqual(w.probe.streamEnds, []);
  });

  it('sends queued messages once a session is up, and resends the unacknowledged ones after a reconnect', async () => {
    const w = await world();
    const { session, relay } = await start(w);
    session.send({ type: 'prompt', text: 'queued early' });
    await idle();
    assert.equal((await w.store.stream(w.record.id)).outbound.length, 1, 'saved before it is sent');
    await connect(w, relay, STREAM_A, false);
    const first = await w.host.open(relay.sent.at(-1)!);
    assert.deepEqual([first.kind, first.seq, new TextDecoder().decode(first.body)], ['message', 1n, '{"type":"prompt","text":"queued early"}']);
    await connect(w, relay, STREAM_A, true);
    const again = await w.host.open(relay.sent.at(-1)!);
    assert.equal(again.seq, 1n, 'not acknowledged, so resent');
    relay.emit({ kind: 'data', payload: await w.host.sealAck(1n) });
    await idle();
    assert.equal((await w.store.stream(w.record.id)).outbound.length, 0, 'acknowledged, so forgotten');
  });

  it('starts over one second after an empty DATA', async () => {
    const w = await world();
    const { relay } = await start(w);
    await connect(w, relay, STREAM_A, false);
    const handshakes = relay.sent.length;
    relay.emit({ kind: 'data', payload: new Uint8Array(0) });
    await idle();
    assert.equal(w.probe.states.at(-1), 'connecting');
    await w.clock.advance(900);
    assert.equal(relay.sent.length, handshakes);
    await w.clock.advance(400);
    assert.equal(relay.sent.at(-1)!.length, 113, 'a new message 1');
    relay.emit({ kind: 'data', payload: await w.host.answer(relay.sent.at(-1)!, STREAM_A, true) });
    await idle();
    assert.deepEqual(w.host.requested, STREAM_A, 'naming the same stream');
    assert.equal(w.probe.states.at(-1), 'online');
  });

  it('tells the app when the host starts a new stream, and clears the transcript', async () => {
    const w = await world();
    const { relay } = await start(w);
    await connect(w, relay, STREAM_A, false);
    for (const frame of await w.host.seal(INFO)) relay.emit({ kind: 'data', payload: frame });
    await idle();
    await connect(w, relay, STREAM_B, false);
    assert.deepEqual(w.probe.streamEnds, ['The host started a new session; the previous one ended.']);
    assert.deepEqual(await w.store.transcript(w.record.id), []);
    assert.deepEqual((await w.store.stream(w.record.id)).streamId, STREAM_B);
  });

  it('refuses an answer that resumes a stream it did not name, and retries later', async () => {
    const w = await world();
    const { relay } = await start(w);
    await connect(w, relay, STREAM_A, true);
    assert.equal(w.probe.states.includes('online'), false);
    assert.match(w.warnings.join('\n'), /security: the host's answer was not valid/);
    await w.clock.advance(1_000);
    assert.equal(relay.sent.length, 2, 'a fresh handshake after the retry delay');
  });

  it('drops the session on a tampered record, delivering nothing of it', async () => {
    const w = await world();
    const { relay } = await start(w);
    await connect(w, relay, STREAM_A, false);
    const [frame] = await w.host.seal(INFO);
    frame![frame!.length - 1]! ^= 1;
    relay.emit({ kind: 'data', payload: frame! });
    await idle();
    assert.equal(w.probe.messages.length, 0);
    assert.equal(w.probe.states.at(-1), 'connecting');
    assert.match(w.warnings.join('\n'), /security: a record from the host was refused \(undecryptable/);
  });

  it('ends as superseded or revoked when the relay closes so, with a clear message', async () => {
    for (const reason of ['superseded', 'revoked'] as const) {
      const w = await world();
      const { relay } = await start(w);
      await connect(w, relay, STREAM_A, false);
      relay.emit({ kind: 'closed', reason });
      await idle();
      assert.equal(w.probe.ends.length, 1);
      assert.equal(w.probe.ends[0]!.reason, reason);
      assert.match(w.probe.ends[0]!.message, reason === 'revoked' ? /revoked/ : /Another connection took over/);
      assert.equal(relay.stopped, true);
    }
  });

  it('ends with host-unreachable when no session comes up within the outage window', async () => {
    const w = await world();
    const { session, relay } = await start(w, w.probe, 60_000);
    relay.emit({ kind: 'disconnected', reason: null, welcomed: false, delayMs: 1_000 });
    await w.clock.advance(59_000);
    assert.deepEqual(w.probe.ends, []);
    await w.clock.advance(1_500);
    assert.deepEqual(w.probe.ends, [{ reason: 'host-unreachable', message: 'The host could not be reached for 1 minute; the session ended.' }]);
    assert.throws(() => session.send({ type: 'interrupt' }), /ended/);
  });

  it('a page reload resumes the saved stream: same id, the saved delivered seq, the unacknowledged messages', async () => {
    const w = await world();
    const { session: first, relay } = await start(w);
    await connect(w, relay, STREAM_A, false);
    for (const frame of await w.host.seal(INFO)) relay.emit({ kind: 'data', payload: frame });
    first.send({ type: 'prompt', text: 'one' });
    await idle();
    first.close();

    const probe = new SessionProbe();
    const { relay: relay2 } = await start(w, probe);
    relay2.isConnected = true;
    relay2.emit({ kind: 'connected', hostOnline: true });
    await waitFor('message 1', () => relay2.sent.length > 0);
    relay2.emit({ kind: 'data', payload: await w.host.answer(relay2.sent[0]!, STREAM_A, true) });
    await idle();
    assert.deepEqual(w.host.requested, STREAM_A);
    const resent = await w.host.open(relay2.sent.at(-1)!);
    assert.deepEqual([resent.kind, resent.seq, resent.ack], ['message', 1n, 1n], 'the prompt again, acknowledging the saved host message');
    for (const frame of await w.host.seal(INFO, 1n, 1n)) relay2.emit({ kind: 'data', payload: frame });
    for (const frame of await w.host.seal('{"type":"agent.state","state":"idle"}', 1n)) relay2.emit({ kind: 'data', payload: frame });
    await idle();
    assert.deepEqual(probe.messages, [{ type: 'agent.state', state: 'idle' }], 'the resent message 1 is a duplicate; message 2 is new');
    assert.deepEqual(probe.streamEnds, []);
  });

  it('shows offline at once when the browser loses the network, and reconnects at once when it is back', async () => {
    const w = await world();
    let change!: (online: boolean) => void;
    let watching = true;
    const network: NetworkWatch = {
      watch: (onChange) => {
        change = onChange;
        return () => (watching = false);
      },
    };
    const { session, relay } = await start(w, w.probe, 600_000, network);
    await connect(w, relay, STREAM_A, false);
    change(false);
    await idle();
    assert.equal(w.probe.states.at(-1), 'offline');
    change(true);
    await idle();
    assert.equal(relay.reconnects, 1);
    assert.equal(w.probe.states.at(-1), 'connecting');
    session.close();
    assert.equal(watching, false, 'closing stops watching');
  });
});
