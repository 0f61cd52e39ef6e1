import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';

import {
  encodePairingLink,
  encodePairingPayload,
  parsePairingLink,
  parsePairingPayload,
  ProtocolUsageError,
  Psk,
  U64_MAX,
  type PairingLinkFields,
} from '../../src/protocol/index.js';
import { toHex } from '../../src/shared/hex.js';

const NOW = 1_795_000_000n;
const PSK_BYTES = new Uint8Array(32).fill(0xa7);
const PSK_HEX = toHex(PSK_BYTES);

function fields(overrides: Partial<PairingLinkFields> = {}): PairingLinkFields {
  return {
    relayUrl: 'https://relay.example',
    channelId: new Uint8Array(16).fill(1),
    hostStaticKey: new Uint8Array(32).fill(2),
    psk: new Psk(PSK_BYTES),
    expiry: NOW + 600n,
    ...overrides,
  };
}

function refusesWith(code: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof ProtocolUsageError);
    assert.equal(e.code, code);
    assert.ok(!e.message.includes(PSK_HEX) && !(e.stack ?? '').includes(PSK_HEX), 'the PSK is not in the error');
    return true;
  };
}

describe('pairing link encoder', () => {
  it('the encoder refuses what the parser refuses', () => {
    const cases: readonly [Partial<PairingLinkFields>, string][] = [
      [{ relayUrl: 'http://relay.example' }, 'relay-url'],
      [{ relayUrl: 'https://relay.example/' }, 'relay-url'],
      [{ relayUrl: `https://relay.example/${'a'.repeat(500)}` }, 'relay-url'],
      [{ hostStaticKey: new Uint8Array(32) }, 'key'],
      [{ psk: new Psk(new Uint8Array(32)) }, 'key'],
      [{ expiry: NOW }, 'expired'],
      [{ expiry: 0n }, 'expired'],
    ];
    for (const [override, code] of cases) {
      assert.throws(() => encodePairingPayload(fields(override), NOW), refusesWith(code));
      assert.throws(() => encodePairingLink(fields(override), NOW), refusesWith(code));
    }
  });

  it('the encoder refuses fields of the wrong length or range as invalid arguments', () => {
    for (const override of [
      { channelId: new Uint8Array(15) },
      { hostStaticKey: new Uint8Array(33) },
      { expiry: U64_MAX + 1n },
      { expiry: -1n },
    ]) {
      assert.throws(() => encodePairingPayload(fields(override), NOW), refusesWith('invalid-argument'));
    }
  });

  it('an expiry above 2^53 survives encoding and parsing exactly', () => {
    const link = encodePairingLink(fields({ expiry: U64_MAX }), NOW);
    const parsed = parsePairingLink(link, NOW);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.expiry, U64_MAX);
  });
});

describe('pairing link parser', () => {
  it('a second # in the link makes the payload non-canonical', () => {
    const link = encodePairingLink(fields(), NOW);
    assert.deepEqual(parsePairingLink(`${link}#x`, NOW), { ok: false, error: 'encoding' });
  });

  it('a whole link given as a bare payload is refused as encoding', () => {
    assert.deepEqual(parsePairingPayload(encodePairingLink(fields(), NOW), NOW), { ok: false, error: 'encoding' });
  });

  it('expiry one second after now is accepted', () => {
    assert.equal(parsePairingPayload(encodePairingPayload(fields({ expiry: NOW + 1n }), NOW), NOW).ok, true);
  });
});

describe('Psk', () => {
  it('the PSK never shows in toString, JSON or the inspector', () => {
    const parsed = parsePairingLink(encodePairingLink(fields(), NOW), NOW);
    assert.ok(parsed.ok);
    const shown = [String(parsed.value.psk), JSON.stringify({ psk: parsed.value.psk }), // the fields hold a bigint, which JSON refuses
       inspect(parsed.value, { depth: 5, showHidden: true })];
    for (const text of shown) {
      assert.ok(!text.includes(PSK_HEX) && !text.includes('167, 167, 167') && !text.includes('a7 a7'), text);
      assert.ok(text.includes('Psk(redacted)'));
    }
  });

  it('a PSK copies its input and hands out copies', () => {
    const input = new Uint8Array(PSK_BYTES);
    const psk = new Psk(input);
    input.fill(0);
    const exposed = psk.exposeBytes();
    exposed.fill(0);
    assert.equal(toHex(psk.exposeBytes()), PSK_HEX);
  });

  it('a wiped PSK refuses to expose its bytes', () => {
    const psk = new Psk(PSK_BYTES);
    psk.wipe();
    assert.equal(psk.isWiped, true);
    assert.throws(() => psk.exposeBytes(), refusesWith('psk-wiped'));
  });

  it('a PSK of the wrong length is refused without echoing the bytes', () => {
    assert.throws(() => new Psk(new Uint8Array(31).fill(0xa7)), refusesWith('invalid-argument'));
  });
});
