import type { Bytes } from '../shared/bytes.js';
import { readU16, readU64, writeU16, writeU64 } from './binary.js';
import { fail, ok, type Result } from './result.js';
import { Psk, PSK_LENGTH } from './psk.js';

/**
 * The pairing payload layout of docs/protocol.md §2.1 (version 1):
 *
 *   offset  size  field
 *   0       1     version            0x01
 *   1       16    channel id
 *   17      32    host static key    X25519 public key, pinned for every later session
 *   49      32    PSK                one-time secret for Noise_IKpsk2
 *   81      8     expiry             Unix seconds, u64
 *   89      2     URL length n       1..512
 *   91      n     relay URL          ASCII, §2.2
 */
export const PAIRING_PAYLOAD_VERSION = 1;
export const CHANNEL_ID_LENGTH = 16;
export const HOST_STATIC_KEY_LENGTH = 32;

const OFFSET_CHANNEL_ID = 1;
const OFFSET_HOST_KEY = OFFSET_CHANNEL_ID + CHANNEL_ID_LENGTH;
const OFFSET_PSK = OFFSET_HOST_KEY + HOST_STATIC_KEY_LENGTH;
const OFFSET_EXPIRY = OFFSET_PSK + PSK_LENGTH;
const OFFSET_URL_LENGTH = OFFSET_EXPIRY + 8;
/** 91: everything before the relay URL. */
export const PAIRING_PAYLOAD_FIXED_LENGTH = OFFSET_URL_LENGTH + 2;

/** What a pairing link carries. Parsing and encoding are in pairing-link.ts. */
export interface PairingLinkFields {
  /** Exactly as in the payload; it matches the grammar of §2.2. */
  readonly relayUrl: string;
  readonly channelId: Bytes;
  readonly hostStaticKey: Bytes;
  readonly psk: Psk;
  /** Unix time in seconds; the link is refused at or after it. */
  readonly expiry: bigint;
}

/** The layout checks of §2.3, in order: version, truncated, trailing. The URL bytes are not checked here. */
export function readPayloadLayout(
  bytes: Uint8Array,
): Result<{ readonly fields: Omit<PairingLinkFields, 'relayUrl'>; readonly urlBytes: Bytes }, 'version' | 'truncated' | 'trailing'> {
  if (bytes.length === 0 || bytes[0] !== PAIRING_PAYLOAD_VERSION) return fail('version');
  if (bytes.length < PAIRING_PAYLOAD_FIXED_LENGTH) return fail('truncated');
  const urlLength = readU16(bytes, OFFSET_URL_LENGTH);
  const total = PAIRING_PAYLOAD_FIXED_LENGTH + urlLength;
  if (bytes.length < total) return fail('truncated');
  if (bytes.length > total) return fail('trailing');

  return ok({
    fields: {
      channelId: bytes.slice(OFFSET_CHANNEL_ID, OFFSET_HOST_KEY),
      hostStaticKey: bytes.slice(OFFSET_HOST_KEY, OFFSET_PSK),
      psk: new Psk(bytes.subarray(OFFSET_PSK, OFFSET_EXPIRY)),
      expiry: readU64(bytes, OFFSET_EXPIRY),
    },
    urlBytes: bytes.slice(PAIRING_PAYLOAD_FIXED_LENGTH, total),
  });
}

/** Lays out fields that the caller has already validated (pairing-link.ts does). */
export function writePayloadLayout(fields: PairingLinkFields, urlBytes: Uint8Array): Bytes {
  const out = new Uint8Array(PAIRING_PAYLOAD_FIXED_LENGTH + urlBytes.length);
  out[0] = PAIRING_PAYLOAD_VERSION;
  out.set(fields.channelId, OFFSET_CHANNEL_ID);
  out.set(fields.hostStaticKey, OFFSET_HOST_KEY);
  const psk = fields.psk.exposeBytes();
  out.set(psk, OFFSET_PSK);
  psk.fill(0);
  writeU64(out, OFFSET_EXPIRY, fields.expiry);
  writeU16(out, OFFSET_URL_LENGTH, urlBytes.length);
  out.set(urlBytes, PAIRING_PAYLOAD_FIXED_LENGTH);
  return out;
}
