import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { closeReasonFor, isTerminal } from '../../src/client/relay/close-reasons.js';
import { decodeFrame, encodeData, encodeHello, encodeRefresh, HELLO_KIND, MAX_FRAME, relayFramesForTesting as relay, ROLE, TOKEN_LENGTH } from '../../src/client/relay/frames.js';
import { channelUrl } from '../../src/client/relay/websocket.js';

const token = new Uint8Array(TOKEN_LENGTH).fill(7);

describe('relay frames (docs/protocol.md §7.3)', () => {
  it('reads a CHALLENGE of exactly 32 bytes and nothing else', () => {
    const nonce = new Uint8Array(32).fill(1);
    assert.deepEqual(decodeFrame(relay.challenge(nonce)), { type: 'challenge', nonce });
    assert.equal(decodeFrame(relay.challenge(new Uint8Array(31))), null);
    assert.equal(decodeFrame(relay.challenge(new Uint8Array(33))), null);
  });

  it('reads WELCOME with and without a token, with the host-online flag', () => {
    assert.deepEqual(decodeFrame(relay.welcome(5, true, 1_800_000_000n, token)), { type: 'welcome', peerId: 5, hostOnline: true, expires: 1_800_000_000n, token });
    assert.deepEqual(decodeFrame(relay.welcome(9, false, 0n, null)), { type: 'welcome', peerId: 9, hostOnline: false, expires: 0n, token: null });
  });

  it('refuses a WELCOME with peer id 0, unknown flag bits or a short token', () => {
    assert.equal(decodeFrame(relay.welcome(0, true, 1n, null)), null);
    const flagged = relay.welcome(1, true, 1n, null);
    flagged[5] = 0x03;
    assert.equal(decodeFrame(flagged), null);
    assert.equal(decodeFrame(relay.welcome(1, true, 1n, token.subarray(1))), null);
  });

  it('reads TOKEN, DATA from peer 0, HOST_ONLINE, HOST_OFFLINE and RESTARTING', () => {
    assert.deepEqual(decodeFrame(relay.token(42n, token)), { type: 'token', expires: 42n, token });
    assert.deepEqual(decodeFrame(relay.data(Uint8Array.of(1, 2))), { type: 'data', payload: Uint8Array.of(1, 2) });
    assert.deepEqual(decodeFrame(relay.data(new Uint8Array(0))), { type: 'data', payload: new Uint8Array(0) }, 'an empty DATA is the start-over signal');
    assert.deepEqual(decodeFrame(relay.hostOnline()), { type: 'host-online' });
    assert.deepEqual(decodeFrame(relay.hostOffline()), { type: 'host-offline' });
    assert.deepEqual(decodeFrame(relay.restarting(1500)), { type: 'restarting', afterMs: 1500 });
  });

  it('refuses DATA from a peer other than 0, frames with trailing bytes, host-only frames and unknown types', () => {
    assert.equal(decodeFrame(Uint8Array.of(0x10, 0, 0, 0, 1, 9)), null);
    assert.equal(decodeFrame(Uint8Array.of(0x22, 0)), null);
    assert.equal(decodeFrame(Uint8Array.of(0x20, 0, 0, 0, 1, 2, ...new Uint8Array(16))), null, 'PEER_JOINED goes to hosts only');
    assert.equal(decodeFrame(Uint8Array.of(0x32, 0, 0, 0, 1, 10)), null, 'KICK is the host’s');
    assert.equal(decodeFrame(Uint8Array.of(0x7f)), null);
    assert.equal(decodeFrame(new Uint8Array(0)), null);
  });

  it('refuses a frame over 65,540 bytes before reading it', () => {
    assert.equal(MAX_FRAME, 65_540);
    assert.notEqual(decodeFrame(relay.data(new Uint8Array(65_535))), null);
    assert.equal(decodeFrame(relay.data(new Uint8Array(65_536))), null);
  });

  it('writes HELLO, REFRESH and DATA with peer id 0', () => {
    assert.deepEqual(encodeHello(ROLE.device, HELLO_KIND.token, token).subarray(0, 3), Uint8Array.of(0x02, 2, 1));
    assert.deepEqual(encodeRefresh(), Uint8Array.of(0x04));
    assert.deepEqual(encodeData(Uint8Array.of(9)), Uint8Array.of(0x10, 0, 0, 0, 0, 9));
    assert.throws(() => encodeData(new Uint8Array(65_536)), RangeError);
    assert.throws(() => encodeHello(ROLE.device, HELLO_KIND.deviceProof, new Uint8Array(510)), RangeError, 'the relay reads no HELLO over 512 bytes');
  });

  it('builds the channel URL with ws for http and wss for https, keeping a path prefix', () => {
    assert.equal(channelUrl('https://relay.example/tether', 'ab'.repeat(16)), `wss://relay.example/tether/v1/channels/${'ab'.repeat(16)}`);
    assert.equal(channelUrl('http://127.0.0.1:7411', '00'.repeat(16)), `ws://127.0.0.1:7411/v1/channels/${'00'.repeat(16)}`);
  });
});

describe('relay close codes (docs/protocol.md §7.5)', () => {
  it('maps every code of the table and nothing else', () => {
    assert.equal(closeReasonFor(1000), 'normal');
    assert.equal(closeReasonFor(1012), 'restarting');
    assert.equal(closeReasonFor(4008), 'superseded');
    assert.equal(closeReasonFor(4009), 'revoked');
    assert.equal(closeReasonFor(4011), 'lost');
    assert.equal(closeReasonFor(1006), null, 'a drop is not one of the relay’s');
    assert.equal(closeReasonFor(4012), null);
  });

  it('stops for good after revoked, superseded, auth-failed, protocol-error and frame-too-large only', () => {
    const terminal = ['revoked', 'superseded', 'auth-failed', 'protocol-error', 'frame-too-large'] as const;
    for (const r of terminal) assert.equal(isTerminal(r), true, r);
    for (const r of ['normal', 'restarting', 'auth-timeout', 'slow-consumer', 'rate-limited', 'channel-full', 'token-expired', 'lost'] as const) {
      assert.equal(isTerminal(r), false, r);
    }
    assert.equal(isTerminal(null), false, 'a dropped connection is retried');
  });
});
