import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { PairingProgress, TetherClient } from '../../src/client/api.js';
import { generateAccessKey } from '../../src/client/crypto/access-key.js';
import { createTetherClient, MemoryStore } from '../../src/client/index.js';
import { encodeBase64url } from '../../src/protocol/base64url.js';
import { toHex } from '../../src/shared/hex.js';
import { TestChannel } from './support/certificates.js';
import { FakeClock, waitFor } from './support/fake-clock.js';
import { fakeSockets, type FakeSocket } from './support/fake-socket.js';
import { PairingHost } from './support/pairing-host.js';

const quiet = { warn: () => {} };

async function setup() {
  const clock = new FakeClock();
  const { factory, sockets } = fakeSockets();
  const store = new MemoryStore();
  const client: TetherClient = await createTetherClient({ store, clock, webSocket: factory, log: quiet });
  const host = await PairingHost.create();
  const stages: PairingProgress[] = [];
  const pairing = client.pair(host.link(BigInt(Math.floor(clock.now() / 1000) + 600)), 'phone', (p) => stages.push(p));
  await waitFor('the pairing connection', () => sockets.length > 0);
  const socket: FakeSocket = sockets[0]!;
  await host.accept(socket);
  await waitFor('the code', () => stages.some((s) => s.stage === 'code'));
  return { clock, client, store, host, socket, stages, pairing };
}

/** pair.accepted for the access key the device sent in its hello, signed by a fresh channel key. */
async function acceptance(host: PairingHost, clock: FakeClock, accessKey?: Uint8Array): Promise<{ json: string; channel: string }> {
  const channel = await TestChannel.create();
  const key = accessKey ?? host.hello!.slice(1, 66);
  const certificate = await channel.issue(key, BigInt(Math.floor(clock.now() / 1000) + 90 * 86_400));
  const hex = toHex(channel.channelId);
  return { json: JSON.stringify({ type: 'pair.accepted', channel: hex, relay: 'https://relay.example', certificate: encodeBase64url(certificate), host_name: 'workstation' }), channel: hex };
}

describe('pairing, step by step (docs/protocol.md §8)', () => {
  it('shows the code, a wrong-code retry, then stores the host before pair.stored and succeeds on pair.done', async () => {
    const { clock, client, host, socket, stages, pairing } = await setup();
    assert.equal(host.hello![0], 1, 'the pairing hello');
    assert.equal(new TextDecoder().decode(host.hello!.subarray(67)), 'phone');
    await host.say(socket, '{"type":"pair.retry","attempts_left":2}');
    await waitFor('the retry', () => stages.length === 3);
    const { json, channel } = await acceptance(host, clock);
    await host.say(socket, json);
    assert.equal(await host.heard(socket, 2), '{"type":"pair.stored"}');
    assert.deepEqual((await client.hosts()).map((h) => h.id), [channel], 'stored before pair.stored');
    await host.say(socket, '{"type":"pair.done"}');
    const result = await pairing;
    assert.ok(result.ok);
    assert.equal(result.host.hostName, 'workstation');
    const code = stages[1]!.stage === 'code' ? stages[1]!.digits : '';
    assert.match(code, /^\d{8}$/);
    assert.deepEqual(stages, [{ stage: 'connecting' }, { stage: 'code', digits: code }, { stage: 'retry', digits: code, attemptsLeft: 2 }, { stage: 'saving' }]);
  });

  it('fails with wrong-code on pair.rejected, storing nothing', async () => {
    const { client, host, socket, pairing } = await setup();
    await host.say(socket, '{"type":"pair.rejected","reason":"wrong-code"}');
    const result = await pairing;
    assert.equal(result.ok === false && result.failure.code, 'wrong-code');
    assert.deepEqual(await client.hosts(), []);
  });

  it('refuses a certificate for another access key as a protocol failure, storing nothing', async () => {
    const { clock, client, host, socket, pairing } = await setup();
    const other = await generateAccessKey();
    await host.say(socket, (await acceptance(host, clock, other.publicKey)).json);
    const result = await pairing;
    assert.deepEqual(result, { ok: false, failure: { code: 'protocol', message: "The workstation's acceptance was refused: its certificate names another device's key." } });
    assert.deepEqual(await client.hosts(), []);
  });

  it('refuses a retry out of order', async () => {
    const { host, socket, pairing } = await setup();
    await host.say(socket, '{"type":"pair.retry","attempts_left":1}');
    const result = await pairing;
    assert.equal(result.ok === false && result.failure.code, 'protocol');
  });

  it('removes the stored host when pair.done does not come within 30 s', async () => {
    const { clock, client, host, socket, pairing } = await setup();
    await host.say(socket, (await acceptance(host, clock)).json);
    await host.heard(socket, 2);
    assert.equal((await client.hosts()).length, 1);
    await clock.advance(30_000);
    const result = await pairing;
    assert.equal(result.ok === false && result.failure.code, 'timeout');
    assert.deepEqual(await client.hosts(), [], 'an unconfirmed pairing is removed (§8.4)');
  });

  it('is cancelled by the signal, and fails as connection-lost when the host goes offline', async () => {
    const { host, socket, pairing } = await setup();
    socket.receive(Uint8Array.of(0x23));
    const lost = await pairing;
    assert.equal(lost.ok === false && lost.failure.code, 'connection-lost');
    void host;

    const clock = new FakeClock();
    const { factory, sockets } = fakeSockets();
    const client = await createTetherClient({ store: new MemoryStore(), clock, webSocket: factory, log: quiet });
    const controller = new AbortController();
    const other = await PairingHost.create();
    const cancelled = client.pair(other.link(BigInt(Math.floor(clock.now() / 1000) + 600)), 'phone', () => {}, controller.signal);
    await waitFor('the connection', () => sockets.length > 0);
    controller.abort();
    const result = await cancelled;
    assert.equal(result.ok === false && result.failure.code, 'cancelled');
  });
});
