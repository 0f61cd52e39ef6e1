import { concatBytes, type Bytes } from '../../shared/bytes.js';
import { signP1363 } from '../crypto/access-key.js';
import { LABEL } from '../crypto/digests.js';
import { encodeHello, HELLO_KIND, ROLE } from './frames.js';

/**
 * The HELLO credentials a device shows (docs/protocol.md §7.3). The signature covers the relay's
 * fresh nonce, the channel and the role, so a recorded proof opens nothing later or elsewhere.
 */

/** Kind 3: certificate (219) ‖ ECDSA P-256 P1363 signature by the access key over "tether/1 relay-hello" ‖ nonce ‖ channel id ‖ role. */
export async function deviceProofHello(certificate: Uint8Array, accessKey: CryptoKey, channelId: Uint8Array, nonce: Uint8Array): Promise<Bytes> {
  const signed = concatBytes(LABEL.hello, nonce, channelId, Uint8Array.of(ROLE.device));
  const signature = await signP1363(accessKey, signed);
  return encodeHello(ROLE.device, HELLO_KIND.deviceProof, concatBytes(certificate, signature));
}

/** Kind 1: a connect token from an earlier WELCOME or TOKEN. */
export function tokenHello(token: Uint8Array): Bytes {
  return encodeHello(ROLE.device, HELLO_KIND.token, token);
}

/** Kind 4, role pairing: the access code derived from the link's PSK (§7.4). */
export function pairingHello(accessCode: Uint8Array): Bytes {
  return encodeHello(ROLE.pairing, HELLO_KIND.pairingAccess, accessCode);
}
