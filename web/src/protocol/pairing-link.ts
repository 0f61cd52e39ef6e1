import { isAllZero } from '../shared/bytes.js';
import { isU64 } from './binary.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { invalidArgument, ProtocolUsageError } from './errors.js';
import {
  CHANNEL_ID_LENGTH,
  HOST_STATIC_KEY_LENGTH,
  readPayloadLayout,
  writePayloadLayout,
  type PairingLinkFields,
} from './pairing-payload.js';
import { fail, ok, type Result } from './result.js';
import { MAX_RELAY_URL_LENGTH, parseRelayUrl } from './relay-url.js';

/**
 * Pairing links (docs/protocol.md §2):  <relay URL>/pair#<payload, base64url>
 * The payload sits in the fragment because browsers never send a fragment to the server, so the
 * relay never sees the PSK.
 */

/** The error codes of §2.3, in the order the parser checks them. */
export type PairingLinkError =
  | 'link'
  | 'encoding'
  | 'version'
  | 'truncated'
  | 'trailing'
  | 'relay-url'
  | 'key'
  | 'expired';

/** A link expires 10 minutes after it is made (`PairingLink.Lifetime` on the host). */
export const PAIRING_LINK_LIFETIME_SECONDS = 600n;

const PAIR_PATH = '/pair';

/** Parses a whole link as scanned from a QR code. `now` is Unix seconds. */
export function parsePairingLink(link: string, now: bigint): Result<PairingLinkFields, PairingLinkError> {
  const hash = link.indexOf('#');
  if (hash < 0) return fail('link');
  return parse(link.slice(hash + 1), link.slice(0, hash), now);
}

/** Parses the bare payload (the fragment alone), e.g. when the page reads location.hash. */
export function parsePairingPayload(payload: string, now: bigint): Result<PairingLinkFields, PairingLinkError> {
  return parse(payload, null, now);
}

/** The payload text; throws a ProtocolUsageError with the parser's code for anything a parser would refuse. */
export function encodePairingPayload(fields: PairingLinkFields, now: bigint): string {
  checkEncodable(fields, now);
  const bytes = writePayloadLayout(fields, asciiBytes(fields.relayUrl));
  const text = encodeBase64url(bytes);
  bytes.fill(0); // the buffer held the PSK
  return text;
}

/** The whole link; throws like encodePairingPayload. */
export function encodePairingLink(fields: PairingLinkFields, now: bigint): string {
  return `${fields.relayUrl}${PAIR_PATH}#${encodePairingPayload(fields, now)}`;
}

/** §2.3's checks after `link` (no '#'), in the table's order. `base` is null for a bare payload. */
function parse(payload: string, base: string | null, now: bigint): Result<PairingLinkFields, PairingLinkError> {
  const decoded = decodeBase64url(payload);
  if (!decoded.ok) return decoded;
  const bytes = decoded.value;
  try {
    const layout = readPayloadLayout(bytes);
    if (!layout.ok) return layout;
    const { fields, urlBytes } = layout.value;

    const relayUrl = relayUrlFromBytes(urlBytes);
    const result = relayUrl === null ? fail('relay-url' as const) : checkParsed({ ...fields, relayUrl }, base, now);
    if (!result.ok) fields.psk.wipe();
    return result;
  } finally {
    bytes.fill(0); // the decoded payload held the PSK
  }
}

function checkParsed(fields: PairingLinkFields, base: string | null, now: bigint): Result<PairingLinkFields, PairingLinkError> {
  // The base must name the same relay as the payload: otherwise a link shown for one relay could
  // send the device to another while the payload inside still looks right.
  if (base !== null && base !== fields.relayUrl + PAIR_PATH) return fail('link');
  if (isAllZero(fields.hostStaticKey) || pskIsZero(fields)) return fail('key');
  if (fields.expiry <= now) return fail('expired');
  return ok(fields);
}

/** The URL as a string when its bytes are ASCII, 1..512 long and match §2.2; null otherwise. */
function relayUrlFromBytes(bytes: Uint8Array): string | null {
  if (bytes.length < 1 || bytes.length > MAX_RELAY_URL_LENGTH) return null;
  let text = '';
  for (const b of bytes) {
    if (b >= 0x80) return null;
    text += String.fromCharCode(b);
  }
  return parseRelayUrl(text).ok ? text : null;
}

function checkEncodable(fields: PairingLinkFields, now: bigint): void {
  if (fields.channelId.length !== CHANNEL_ID_LENGTH) {
    throw invalidArgument(`a channel id is ${CHANNEL_ID_LENGTH} bytes, got ${fields.channelId.length}`);
  }
  if (fields.hostStaticKey.length !== HOST_STATIC_KEY_LENGTH) {
    throw invalidArgument(`a host static key is ${HOST_STATIC_KEY_LENGTH} bytes, got ${fields.hostStaticKey.length}`);
  }
  if (!isU64(fields.expiry)) throw invalidArgument('expiry is not a u64');
  // The URL is not echoed: it is harmless, but keeping messages fixed keeps them easy to match.
  if (!parseRelayUrl(fields.relayUrl).ok) throw new ProtocolUsageError('relay-url', 'the relay URL does not match docs/protocol.md §2.2');
  if (isAllZero(fields.hostStaticKey) || pskIsZero(fields)) {
    throw new ProtocolUsageError('key', 'the host static key or the PSK is all zeros');
  }
  if (fields.expiry <= now) throw new ProtocolUsageError('expired', 'the expiry is not after now');
}

function pskIsZero(fields: PairingLinkFields): boolean {
  const psk = fields.psk.exposeBytes();
  const zero = isAllZero(psk);
  psk.fill(0);
  return zero;
}

/** Only called after parseRelayUrl accepted the text, so every character is ASCII. */
function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
