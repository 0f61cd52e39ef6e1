import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createTetherClient, MemoryStore } from '../../src/client/index.js';
import { encodePairingLink } from '../../src/protocol/pairing-link.js';
import { Psk } from '../../src/protocol/psk.js';
import { FakeClock } from './support/fake-clock.js';
import { fakeSockets } from './support/fake-socket.js';

const quiet = { warn: () => {} };

function link(expiry: bigint): string {
  return encodePairingLink(
    { relayUrl: 'https://relay.example', channelId: new Uint8Array(16).fill(1), hostStaticKey: new Uint8Array(32).fill(2), psk: new Psk(new Uint8Array(32).fill(3)), expiry },
    0n,
  );
}

describe('the client', () => {
  it('in a runtime without IndexedDB says so in a sentence, and refuses to pair', async () => {
    const client = await createTetherClient({ log: quiet });
    assert.match(client.unsupported ?? '', /IndexedDB/);
    const result = await client.pair(link(2_000_000_000n), 'phone', () => {});
    assert.deepEqual(result, { ok: false, failure: { code: 'unsupported', message: client.unsupported } });
    assert.deepEqual(await client.hosts(), []);
  });

  it('refuses an expired link before connecting, and a malformed one', async () => {
    const clock = new FakeClock(1_900_000_000_000);
    const { factory, sockets } = fakeSockets();
    const client = await createTetherClient({ store: new MemoryStore(), clock, webSocket: factory, log: quiet });
    const stages: string[] = [];
    const expired = await client.pair(link(1_900_000_000n), 'phone', (p) => stages.push(p.stage));
    assert.equal(expired.ok === false && expired.failure.code, 'link-expired');
    const broken = await client.pair('https://relay.example/pair#AAAA', 'phone', (p) => stages.push(p.stage));
    assert.equal(broken.ok === false && broken.failure.code, 'link-invalid');
    const otherBase = await client.pair(link(2_000_000_000n).replace('relay.example/pair', 'evil.example/pair'), 'phone', (p) => stages.push(p.stage));
    assert.equal(otherBase.ok === false && otherBase.failure.code, 'link-invalid', 'the link’s base must be the payload’s relay');
    assert.deepEqual(stages, []);
    assert.equal(sockets.length, 0, 'nothing was sent anywhere');
  });

  it('refuses a device name that breaks the name rules, before connecting', async () => {
    const { factory, sockets } = fakeSockets();
    const client = await createTetherClient({ store: new MemoryStore(), webSocket: factory, log: quiet });
    const result = await client.pair(link(BigInt(Math.floor(Date.now() / 1000) + 600)), 'bad\u202ename', () => {});
    assert.equal(result.ok === false && result.failure.code, 'protocol');
    assert.equal(sockets.length, 0);
  });

  it('reports a relay that refuses the pairing code as refused', async () => {
    const { factory, sockets } = fakeSockets();
    const client = await createTetherClient({ store: new MemoryStore(), webSocket: factory, log: quiet });
    const pairing = client.pair(link(BigInt(Math.floor(Date.now() / 1000) + 600)), 'phone', () => {});
    while (sockets.length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(sockets[0]!.url, `wss://relay.example/v1/channels/${'01'.repeat(16)}`);
    sockets[0]!.open();
    sockets[0]!.receive(Uint8Array.of(0x01, ...new Uint8Array(32)));
    while (sockets[0]!.sent.length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(sockets[0]!.sent[0]!.subarray(0, 3), Uint8Array.of(0x02, 3, 4), 'HELLO role pairing, kind access code');
    assert.equal(sockets[0]!.sent[0]!.length, 3 + 32);
    sockets[0]!.serverClose(4001);
    const result = await pairing;
    assert.equal(result.ok === false && result.failure.code, 'refused');
    assert.deepEqual(await client.hosts(), [], 'nothing stored');
  });
});
