/** pairing-link.json (docs/protocol.md §2): valid links ↔ fields both ways; invalid links → error code. */
import {
  encodePairingLink,
  encodePairingPayload,
  PAIRING_PAYLOAD_VERSION,
  parsePairingLink,
  parsePairingPayload,
  Psk,
  type PairingLinkError,
  type PairingLinkFields,
} from '../../../src/protocol/index.js';
import { fromHex, toHex } from '../../../src/shared/hex.js';
import { expectEqual, expectOk, KatMismatch, nonEmpty, type KatCase } from '../../vectors/kat.js';

interface FieldsInFile {
  readonly version: number;
  readonly relayUrl: string;
  readonly channelId: string;
  readonly hostStaticKey: string;
  readonly psk: string;
  readonly expiry: number;
}

interface ValidCase {
  readonly name: string;
  readonly now: number;
  readonly link: string;
  readonly payload: string;
  readonly fields: FieldsInFile;
}

interface InvalidCase {
  readonly name: string;
  readonly now: number;
  readonly link?: string;
  readonly payload?: string;
  readonly error: PairingLinkError;
}

export interface PairingLinkVectors {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

/** The fields in the file's form (hex, but expiry as a bigint), so one comparison covers all of them. */
function comparable(fields: PairingLinkFields): Omit<FieldsInFile, 'expiry'> & { readonly expiry: bigint } {
  return {
    version: PAIRING_PAYLOAD_VERSION,
    relayUrl: fields.relayUrl,
    channelId: toHex(fields.channelId),
    hostStaticKey: toHex(fields.hostStaticKey),
    psk: toHex(fields.psk.exposeBytes()),
    expiry: fields.expiry,
  };
}

function validCases(c: ValidCase): KatCase[] {
  const now = BigInt(c.now);
  // Widen the file's number to the parser's bigint rather than narrow the parser's value.
  const expected = { ...c.fields, expiry: BigInt(c.fields.expiry) };
  return [
    {
      group: 'valid',
      name: `${c.name}: parses the link into the fields`,
      run: () => expectEqual(comparable(expectOk(parsePairingLink(c.link, now), 'link')), expected, 'fields'),
    },
    {
      group: 'valid',
      name: `${c.name}: parses the bare payload into the fields`,
      run: () => expectEqual(comparable(expectOk(parsePairingPayload(c.payload, now), 'payload')), expected, 'fields'),
    },
    {
      group: 'valid',
      name: `${c.name}: encodes the fields into the same link and payload`,
      run: () => {
        const fields: PairingLinkFields = {
          relayUrl: c.fields.relayUrl,
          channelId: fromHex(c.fields.channelId),
          hostStaticKey: fromHex(c.fields.hostStaticKey),
          psk: new Psk(fromHex(c.fields.psk)),
          expiry: BigInt(c.fields.expiry),
        };
        expectEqual(encodePairingPayload(fields, now), c.payload, 'payload');
        expectEqual(encodePairingLink(fields, now), c.link, 'link');
      },
    },
  ];
}

function invalidCase(c: InvalidCase): KatCase {
  return {
    group: 'invalid',
    name: `${c.name} → ${c.error}`,
    run: () => {
      const now = BigInt(c.now);
      let result;
      if (c.link !== undefined) result = parsePairingLink(c.link, now);
      else if (c.payload !== undefined) result = parsePairingPayload(c.payload, now);
      else throw new KatMismatch('a case needs a link or a payload');
      expectEqual(result, { ok: false, error: c.error }, 'result');
    },
  };
}

export function pairingLinkCases(v: PairingLinkVectors): KatCase[] {
  return [...nonEmpty(v.valid, 'valid').flatMap(validCases), ...nonEmpty(v.invalid, 'invalid').map(invalidCase)];
}
