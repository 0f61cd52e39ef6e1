import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isValidName } from '../../src/client/pairing/names.js';
import { encodePairingHello } from '../../src/client/pairing/pairing-hello.js';
import { decodeHostPairingMessage } from '../../src/client/pairing/pairing-messages.js';

const msg = (json: string) => decodeHostPairingMessage(new TextEncoder().encode(json));

describe('pairing messages (docs/protocol.md §8.3)', () => {
  it('reads each host message with exactly its members', () => {
    assert.deepEqual(msg('{"type":"pair.retry","attempts_left":2}'), { type: 'pair.retry', attemptsLeft: 2 });
    assert.deepEqual(msg('{"type":"pair.done"}'), { type: 'pair.done' });
    assert.deepEqual(msg('{"type":"pair.rejected","reason":"wrong-code"}'), { type: 'pair.rejected', reason: 'wrong-code' });
    assert.deepEqual(msg('{"type":"pair.accepted","channel":"c","relay":"r","certificate":"x","host_name":"h"}'), {
      type: 'pair.accepted',
      channel: 'c',
      relay: 'r',
      certificate: 'x',
      hostName: 'h',
    });
  });

  it('refuses extra, missing or repeated members, other values, and anything over 4 KiB', () => {
    for (const json of [
      '{"type":"pair.retry","attempts_left":3}',
      '{"type":"pair.retry","attempts_left":0}',
      '{"type":"pair.retry","attempts_left":1.5}',
      '{"type":"pair.retry"}',
      '{"type":"pair.done","extra":1}',
      '{"type":"pair.rejected","reason":"bored"}',
      '{"type":"pair.accepted","channel":"c","relay":"r","certificate":"x"}',
      '{"type":"pair.accepted","channel":"c","relay":"r","certificate":"x","host_name":"h","host_name":"i"}',
      '{"type":"pair.stored"}',
      '{"type":"pair.done","type":"pair.done"}',
      `{"type":"pair.rejected","reason":"error","pad":"${'x'.repeat(4096)}"}`,
      'not json',
    ]) {
      assert.equal(msg(json), null, json.slice(0, 80));
    }
  });
});

describe('names (docs/protocol.md §8.1)', () => {
  it('accepts 1 to 64 bytes of printable UTF-8', () => {
    for (const name of ['Anna’s Pixel 9 Pro (work)', 'ü', '手机', 'x'.repeat(64), '🙂'.repeat(16)]) assert.equal(isValidName(name), true, name);
  });

  it('refuses empty, whitespace-only, too long, control, bidi and lone surrogates', () => {
    for (const name of ['', ' \t', '\u3000', 'x'.repeat(65), '🙂'.repeat(17), 'a\nb', 'a\u0085', 'a\u202ebc', 'a\u2066', '\u061c', 'a\ud800b', 'b\udc00']) {
      assert.equal(isValidName(name), false, JSON.stringify(name));
    }
  });
});

describe('pairing hello (docs/protocol.md §8.1)', () => {
  it('lays out version, access key, name length and name', () => {
    const key = new Uint8Array(65).fill(1);
    key[0] = 4;
    const hello = encodePairingHello(key, 'né');
    assert.equal(hello.length, 67 + 3);
    assert.equal(hello[0], 1);
    assert.deepEqual(hello.subarray(1, 66), key);
    assert.equal(hello[66], 3);
    assert.equal(new TextDecoder().decode(hello.subarray(67)), 'né');
    assert.throws(() => encodePairingHello(key, ''), RangeError);
    assert.throws(() => encodePairingHello(key.subarray(1), 'x'), RangeError);
  });
});
