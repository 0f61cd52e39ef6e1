import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { generateAccessKey, verifyP1363, type AccessKey } from '../../src/client/crypto/access-key.js';
import { LABEL } from '../../src/client/crypto/digests.js';
import { relayFramesForTesting as relay, TOKEN_LENGTH } from '../../src/client/relay/frames.js';
import { checkPresence } from '../../src/client/relay/presence.js';
import { RelayClient, type RelayEvent } from '../../src/client/relay/relay-client.js';
import { TokenSlot } from '../../src/client/relay/token-slot.js';
import { concatBytes } from '../../src/shared/bytes.js';
import { FakeClock, waitFor } from './support/fake-clock.js';
import { fakeSockets, type FakeSocket } from './support/fake-socket.js';

const channelId = new Uint8Array(16).fill(0xab);
const certificate = new Uint8Array(219).fill(3);
const nonce = new Uint8Array(32).fill(5);
const token = new Uint8Array(TOKEN_LENGTH).fill(8);
const quiet = { warn: () => {} };

let access: AccessKey;

function setup(random = () => 0.5) {
  const clock = new FakeClock();
  const { factory, sockets } = fakeSockets();
  const events: RelayEvent[] = [];
  const slot = new TokenSlot();
  const client = new RelayClient({ relay: 'https://relay.example', credential: { channelId, certificate, accessKey: access.privateKey }, token: slot, clock, webSocket: factory, log: quiet, random, onEvent: (e) => events.push(e) });
  return { clock, sockets, events, slot, client };
}

/** Plays the relay up to WELCOME on `socket`; returns the HELLO it got. */
async function welcome(socket: FakeSocket, clock: FakeClock, hostOnline = true, expiresIn = 900): Promise<Uint8Array> {
  socket.open();
  socket.receive(relay.challenge(nonce));
  await waitFor('HELLO', () => socket.sent.length > 0);
  const hello = socket.sent.at(-1)!;
  socket.receive(relay.welcome(7, hostOnline, BigInt(Math.floor(clock.now() / 1000) + expiresIn), token));
  return hello;
}

describe('the relay client (docs/protocol.md §7.3)', () => {
  before(async () => {
    access = await generateAccessKey();
  });

  it('opens the channel URL with the subprotocol and answers CHALLENGE with a device proof', async () => {
    const { clock, sockets, events, client } = setup();
    client.start();
    const socket = sockets[0]!;
    assert.equal(socket.url, `wss://relay.example/v1/channels/${'ab'.repeat(16)}`);
    assert.equal(socket.protocol, 'tether.relay.v1');
    assert.equal(socket.binaryType, 'arraybuffer');
    const hello = await welcome(socket, clock);
    assert.deepEqual(hello.subarray(0, 3), Uint8Array.of(0x02, 2, 3), 'HELLO, role device, kind device proof');
    assert.deepEqual(hello.subarray(3, 222), certificate);
    const signed = concatBytes(LABEL.hello, nonce, channelId, Uint8Array.of(2));
    assert.equal(await verifyP1363(access.publicKey, signed, hello.subarray(222)), true, 'P1363 signature over label ‖ nonce ‖ channel ‖ role');
    assert.deepEqual(events, [{ kind: 'connected', hostOnline: true }]);
    assert.equal(client.isConnected, true);
  });

  it('passes DATA, HOST_ONLINE and HOST_OFFLINE on, and sends DATA with peer id 0', async () => {
    const { clock, sockets, events, client } = setup();
    client.start();
    await welcome(sockets[0]!, clock, false);
    sockets[0]!.receive(relay.hostOnline());
    sockets[0]!.receive(relay.data(Uint8Array.of(1, 2, 3)));
    sockets[0]!.receive(relay.hostOffline());
    assert.deepEqual(events.map((e) => e.kind), ['connected', 'host-online', 'data', 'host-offline']);
    assert.equal(client.send(Uint8Array.of(9)), true);
    assert.deepEqual(sockets[0]!.sent.at(-1), Uint8Array.of(0x10, 0, 0, 0, 0, 9));
  });

  it('closes on a text message or a malformed frame, and reconnects after a backoff', async () => {
    const { clock, sockets, events, client } = setup(() => 0.5);
    client.start();
    await welcome(sockets[0]!, clock);
    sockets[0]!.receive('hello');
    assert.equal(sockets[0]!.closedWith, 4004);
    assert.deepEqual(events.at(-1), { kind: 'disconnected', reason: null, welcomed: true, delayMs: 125 });
    await clock.advance(124);
    assert.equal(sockets.length, 1);
    await clock.advance(1);
    assert.equal(sockets.length, 2, 'reconnected after the jittered delay');
    await welcome(sockets[1]!, clock);
    sockets[1]!.receive(Uint8Array.of(0x22, 1));
    assert.equal(sockets[1]!.closedWith, 4004);
  });

  it('reconnects with the token from WELCOME, and with a proof at once when the token is refused', async () => {
    const { clock, sockets, client } = setup(() => 0);
    client.start();
    await welcome(sockets[0]!, clock);
    sockets[0]!.serverClose(1006);
    await clock.advance(0);
    const second = sockets[1]!;
    second.open();
    second.receive(relay.challenge(nonce));
    await waitFor('HELLO', () => second.sent.length > 0);
    assert.deepEqual(second.sent[0], concatBytes(Uint8Array.of(0x02, 2, 1), token), 'kind 1: the saved token');
    second.serverClose(4001);
    await clock.advance(0);
    const third = sockets[2]!;
    third.open();
    third.receive(relay.challenge(nonce));
    await waitFor('HELLO', () => third.sent.length > 0);
    assert.equal(third.sent[0]![2], 3, 'a refused token is dropped; the retry proves');
  });

  it('asks for a new token when less than 5 minutes remain, at most once a minute', async () => {
    const { clock, sockets, client } = setup();
    client.start();
    await welcome(sockets[0]!, clock, true, 900);
    const refreshes = (): number => sockets[0]!.sent.filter((f) => f.length === 1 && f[0] === 0x04).length;
    await clock.advance(599_000);
    assert.equal(refreshes(), 0);
    await clock.advance(2_000);
    assert.equal(refreshes(), 1, 'REFRESH at 10 of 15 minutes');
    await clock.advance(30_000);
    assert.equal(refreshes(), 1, 'not again within a minute');
    sockets[0]!.receive(relay.token(BigInt(Math.floor(clock.now() / 1000) + 900), token));
    await clock.advance(60_000);
    assert.equal(refreshes(), 1, 'a fresh token moves the next refresh 10 minutes on');
  });

  it('stops for good on revoked or superseded, and says why', async () => {
    for (const [code, reason] of [[4009, 'revoked'], [4008, 'superseded']] as const) {
      const { clock, sockets, events, client } = setup();
      client.start();
      await welcome(sockets[0]!, clock);
      sockets[0]!.serverClose(code);
      await clock.advance(60_000);
      assert.deepEqual(events.at(-1), { kind: 'closed', reason });
      assert.equal(sockets.length, 1, 'no reconnect');
    }
  });

  it('waits for the relay’s RESTARTING hint before reconnecting', async () => {
    const { clock, sockets, events, client } = setup(() => 0);
    client.start();
    await welcome(sockets[0]!, clock);
    sockets[0]!.receive(relay.restarting(3_000));
    sockets[0]!.serverClose(1012);
    assert.deepEqual(events.at(-1), { kind: 'disconnected', reason: 'restarting', welcomed: true, delayMs: 3_000 });
    await clock.advance(2_999);
    assert.equal(sockets.length, 1);
    await clock.advance(1);
    assert.equal(sockets.length, 2);
  });

  it('gives up on a connection without WELCOME after 10 seconds, and backs off more each time', async () => {
    const { clock, sockets, events, client } = setup(() => 0.999);
    client.start();
    sockets[0]!.open();
    await clock.advance(10_000);
    assert.notEqual(sockets[0]!.closedWith, null);
    assert.deepEqual(events.at(-1), { kind: 'disconnected', reason: null, welcomed: false, delayMs: 249 });
    await clock.advance(249);
    sockets[1]!.serverClose(1006);
    assert.deepEqual(events.at(-1), { kind: 'disconnected', reason: null, welcomed: false, delayMs: 499 });
  });

  it('reads presence from one short connection and closes it normally', async () => {
    const clock = new FakeClock();
    const { factory, sockets } = fakeSockets();
    const slot = new TokenSlot();
    const presence = checkPresence({ relay: 'http://127.0.0.1:7411', credential: { channelId, certificate, accessKey: access.privateKey }, token: slot, clock, webSocket: factory, log: quiet });
    await welcome(sockets[0]!, clock, false);
    await clock.advance(0);
    assert.equal(await presence, 'offline');
    assert.equal(sockets[0]!.closedWith, 1000);
    assert.ok(slot.present, 'the token is kept for the session that follows');
  });

  it('connects again at once when told the network is back, from the first attempt', async () => {
    const { clock, sockets, events, client } = setup(() => 0.999);
    client.start();
    sockets[0]!.serverClose(1006);
    await clock.advance(249);
    sockets[1]!.serverClose(1006);
    assert.equal(events.at(-1)?.kind, 'disconnected');
    client.reconnectNow();
    assert.equal(sockets.length, 3, 'no waiting for the backoff');
    await welcome(sockets[2]!, clock);
    client.reconnectNow();
    assert.equal(sockets[2]!.closedWith, 1000, 'a socket that may be half-open is closed');
    assert.equal(sockets.length, 4);
    await clock.advance(5_000);
    assert.equal(sockets.length, 4, 'and the retry the close scheduled is gone');
  });
});
