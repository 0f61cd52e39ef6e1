import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  encodePairingLink,
  encodePairingPayload,
  PAIRING_PAYLOAD_VERSION,
  parsePairingLink,
  parsePairingPayload,
  Psk,
  type PairingLinkError,
  type PairingLinkFields,
} from '../../src/protocol/index.js';
import { fromHex, loadVectors, toHex } from './support/vectors.js';

interface ValidCase {
  readonly name: string;
  readonly now: number;
  readonly link: string;
  readonly payload: string;
  readonly fields: {
    readonly version: number;
    readonly relayUrl: string;
    readonly channelId: string;
    readonly hostStaticKey: string;
    readonly psk: string;
    readonly expiry: number;
  };
}

interface InvalidCase {
  readonly name: string;
  readonly now: number;
  readonly link?: string;
  readonly payload?: string;
  readonly error: PairingLinkError;
}

const vectors = loadVectors<{ valid: ValidCase[]; invalid: InvalidCase[] }>('pairing-link.json');

function assertFields(actual: PairingLinkFields, expected: ValidCase['fields']): void {
  assert.equal(expected.version, PAIRING_PAYLOAD_VERSION);
  assert.equal(actual.relayUrl, expected.relayUrl);
  assert.equal(toHex(actual.channelId), expected.channelId);
  assert.equal(toHex(actual.hostStaticKey), expected.hostStaticKey);
  assert.equal(toHex(actual.psk.exposeBytes()), expected.psk);
  assert.equal(actual.expiry, BigInt(expected.expiry));
}

describe('pairing-link.json valid', () => {
  assert.ok(vectors.valid.length > 0);
  for (const c of vectors.valid) {
    describe(c.name, () => {
      const now = BigInt(c.now);

      it('parses the link into the fields', () => {
        const parsed = parsePairingLink(c.link, now);
        assert.ok(parsed.ok, `refused with ${parsed.ok ? '' : parsed.error}`);
        assertFields(parsed.value, c.fields);
      });

      it('parses the bare payload into the fields', () => {
        const parsed = parsePairingPayload(c.payload, now);
        assert.ok(parsed.ok, `refused with ${parsed.ok ? '' : parsed.error}`);
        assertFields(parsed.value, c.fields);
      });

      it('encodes the fields into the same link and payload', () => {
        const fields: PairingLinkFields = {
          relayUrl: c.fields.relayUrl,
          channelId: fromHex(c.fields.channelId),
          hostStaticKey: fromHex(c.fields.hostStaticKey),
          psk: new Psk(fromHex(c.fields.psk)),
          expiry: BigInt(c.fields.expiry),
        };
        assert.equal(encodePairingPayload(fields, now), c.payload);
        assert.equal(encodePairingLink(fields, now), c.link);
      });
    });
  }
});

describe('pairing-link.json invalid', () => {
  assert.ok(vectors.invalid.length > 0);
  for (const c of vectors.invalid) {
    it(`${c.name} → ${c.error}`, () => {
      const now = BigInt(c.now);
      let result;
      if (c.link !== undefined) result = parsePairingLink(c.link, now);
      else if (c.payload !== undefined) result = parsePairingPayload(c.payload, now);
      else assert.fail('a case needs a link or a payload');
      assert.deepEqual(result, { ok: false, error: c.error });
    });
  }
});
