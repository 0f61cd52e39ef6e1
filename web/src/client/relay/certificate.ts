import { bytesEqual, concatBytes, type Bytes } from '../../shared/bytes.js';
import { P256_PUBLIC_KEY_LENGTH, P256_SIGNATURE_LENGTH, verifyP1363 } from '../crypto/access-key.js';
import { CHANNEL_ID_LENGTH, deriveChannelId, LABEL } from '../crypto/digests.js';

/**
 * The device certificate (docs/protocol.md §7.1), signed by the host's channel key at pairing:
 *
 *   offset  size  field
 *   0       1     version 0x01
 *   1       16    channel id
 *   17      65    device access public key
 *   82      8     not-after, Unix seconds
 *   90      65    channel public key
 *   155     64    ECDSA P-256 / SHA-256 signature, P1363, over "tether/1 device-cert" ‖ bytes 0..155
 */
export const CERTIFICATE_LENGTH = 1 + CHANNEL_ID_LENGTH + P256_PUBLIC_KEY_LENGTH + 8 + P256_PUBLIC_KEY_LENGTH + P256_SIGNATURE_LENGTH;

const VERSION = 1;
const ACCESS_KEY_OFFSET = 1 + CHANNEL_ID_LENGTH;
const NOT_AFTER_OFFSET = ACCESS_KEY_OFFSET + P256_PUBLIC_KEY_LENGTH;
const CHANNEL_KEY_OFFSET = NOT_AFTER_OFFSET + 8;
const SIGNATURE_OFFSET = CHANNEL_KEY_OFFSET + P256_PUBLIC_KEY_LENGTH;

export interface DeviceCertificate {
  /** The 219 bytes, as shown to the relay in a device proof. */
  readonly bytes: Bytes;
  readonly channelId: Bytes;
  readonly accessPublicKey: Bytes;
  /** Unix seconds after which the certificate is void. */
  readonly notAfter: bigint;
  readonly channelPublicKey: Bytes;
}

/**
 * Parses a certificate from untrusted bytes and checks what it says of itself: its layout, that its
 * channel id derives from its channel public key, and its signature under that key. Null otherwise.
 * Expiry, channel and access key are the caller's checks (they need a clock and context).
 */
export async function parseCertificate(bytes: Uint8Array): Promise<DeviceCertificate | null> {
  if (bytes.length !== CERTIFICATE_LENGTH || bytes[0] !== VERSION) return null;
  const copy = new Uint8Array(bytes);
  const certificate: DeviceCertificate = {
    bytes: copy,
    channelId: copy.slice(1, ACCESS_KEY_OFFSET),
    accessPublicKey: copy.slice(ACCESS_KEY_OFFSET, NOT_AFTER_OFFSET),
    notAfter: new DataView(copy.buffer).getBigUint64(NOT_AFTER_OFFSET, false),
    channelPublicKey: copy.slice(CHANNEL_KEY_OFFSET, SIGNATURE_OFFSET),
  };
  if (!bytesEqual(await deriveChannelId(certificate.channelPublicKey), certificate.channelId)) return null;
  const signed = concatBytes(LABEL.deviceCertificate, copy.subarray(0, SIGNATURE_OFFSET));
  const valid = await verifyP1363(certificate.channelPublicKey, signed, copy.subarray(SIGNATURE_OFFSET));
  return valid ? certificate : null;
}

/** Lapsed at `nowSeconds`: not-after ≤ now (the check of §8.3, with no skew, as PairingAcceptance). */
export function isLapsed(certificate: DeviceCertificate, nowSeconds: bigint): boolean {
  return certificate.notAfter <= nowSeconds;
}
