import { concatBytes, type Bytes } from '../../shared/bytes.js';
import { toHex } from '../../shared/hex.js';
import { subtle } from '../../shared/subtle.js';

/**
 * The hashes and key derivations of the relay protocol (docs/protocol.md §7.1, §7.4), each
 * separated from the others by its ASCII label.
 */
const encoder = new TextEncoder();

export const LABEL = {
  channel: encoder.encode('tether/1 channel'),
  deviceCertificate: encoder.encode('tether/1 device-cert'),
  hello: encoder.encode('tether/1 relay-hello'),
  pairing: encoder.encode('tether/1 relay pairing'),
} as const;

export const CHANNEL_ID_LENGTH = 16;
const ACCESS_CODE_LENGTH = 32;

export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', new Uint8Array(data)));
}

/** Lowercase hex SHA-256 of the UTF-8 of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await sha256(encoder.encode(text)));
}

/** channel id = SHA-256("tether/1 channel" ‖ channel public key)[0..16). */
export async function deriveChannelId(channelPublicKey: Uint8Array): Promise<Bytes> {
  return (await sha256(concatBytes(LABEL.channel, channelPublicKey))).slice(0, CHANNEL_ID_LENGTH);
}

/** access = HKDF-SHA256(ikm = PSK, salt = empty, info = "tether/1 relay pairing", 32): the relay never sees the PSK. */
export async function derivePairingAccessCode(psk: Uint8Array): Promise<Bytes> {
  const key = await subtle().importKey('raw', new Uint8Array(psk), 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: LABEL.pairing }, key, ACCESS_CODE_LENGTH * 8);
  return new Uint8Array(bits);
}
