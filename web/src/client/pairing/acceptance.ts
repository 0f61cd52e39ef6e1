import { decodeBase64url } from '../../protocol/base64url.js';
import { parseRelayUrl } from '../../protocol/relay-url.js';
import { fail, ok, type Result } from '../../protocol/result.js';
import { bytesEqual, type Bytes } from '../../shared/bytes.js';
import { fromHex } from '../../shared/hex.js';
import { isLapsed, parseCertificate, type DeviceCertificate } from '../relay/certificate.js';
import { isValidName } from './names.js';

/** What pair.accepted grants, once verified. */
export interface PairingGrant {
  /** The project's channel id. */
  readonly channelId: Bytes;
  readonly relay: string;
  readonly certificate: DeviceCertificate;
  readonly hostName: string;
}

/** Why pair.accepted was refused, in the order of the checks. */
export type AcceptanceError =
  | 'channel'
  | 'relay'
  | 'certificate'
  | 'certificate-channel'
  | 'certificate-key'
  | 'certificate-lapsed'
  | 'host-name';

export interface AcceptedFields {
  readonly channel: string;
  readonly relay: string;
  readonly certificate: string;
  readonly hostName: string;
}

const CHANNEL_HEX = /^[0-9a-f]{32}$/;

/**
 * The checks of docs/protocol.md §8.3 before anything is stored, in PairingAcceptance's order: the
 * channel is 32 lowercase hex, the relay URL follows §2.2, the certificate is canonical base64url,
 * parses and verifies under its channel key (whose id is its channel), is for `channel`, names this
 * device's access key and has not lapsed, and the host name is a name.
 */
export async function verifyAcceptance(accepted: AcceptedFields, accessPublicKey: Uint8Array, nowSeconds: bigint): Promise<Result<PairingGrant, AcceptanceError>> {
  if (!CHANNEL_HEX.test(accepted.channel)) return fail('channel');
  const channelId = fromHex(accepted.channel);
  if (!parseRelayUrl(accepted.relay).ok) return fail('relay');
  const bytes = decodeBase64url(accepted.certificate);
  const certificate = bytes.ok ? await parseCertificate(bytes.value) : null;
  if (certificate === null) return fail('certificate');
  if (!bytesEqual(certificate.channelId, channelId)) return fail('certificate-channel');
  if (!bytesEqual(certificate.accessPublicKey, accessPublicKey)) return fail('certificate-key');
  if (isLapsed(certificate, nowSeconds)) return fail('certificate-lapsed');
  if (!isValidName(accepted.hostName)) return fail('host-name');
  return ok({ channelId, relay: accepted.relay, certificate, hostName: accepted.hostName });
}

/** The sentence for a refused acceptance; it never quotes what the host sent. */
export function describeAcceptanceError(error: AcceptanceError): string {
  const why: Record<AcceptanceError, string> = {
    channel: 'its channel is not 32 lowercase hex characters',
    relay: 'its relay URL is not valid',
    certificate: 'its certificate does not verify',
    'certificate-channel': 'its certificate is for another channel',
    'certificate-key': "its certificate names another device's key",
    'certificate-lapsed': 'its certificate has lapsed',
    'host-name': 'its host name is not valid',
  };
  return `The workstation's acceptance was refused: ${why[error]}.`;
}
