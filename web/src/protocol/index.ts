/**
 * Tether's protocol building blocks for the browser (docs/protocol.md §2–5): pairing links, the
 * SAS, application records, chunking, reassembly, the outbound log for resume and the rekey policy.
 * The Noise layer is in ../noise/.
 */
export { decodeBase64url, encodeBase64url } from './base64url.js';
export type { Bytes } from '../shared/bytes.js';
export { CodedError, WebCryptoUnavailableError } from '../shared/errors.js';
export { U64_MAX } from './binary.js';
export { splitMessage } from './chunker.js';
export { INVALID_ARGUMENT, ProtocolUsageError } from './errors.js';
export {
  MAX_BODY_PER_RECORD,
  MAX_MESSAGE_BYTES,
  MAX_NOISE_PLAINTEXT,
  MAX_UNACKED_BYTES,
  PER_MESSAGE_CHARGE,
  RECORD_HEADER_LENGTH,
} from './limits.js';
export { OutboundLog, type AckError, type OutboundMessage } from './outbound-log.js';
export {
  encodePairingLink,
  encodePairingPayload,
  PAIRING_LINK_LIFETIME_SECONDS,
  parsePairingLink,
  parsePairingPayload,
  type PairingLinkError,
} from './pairing-link.js';
export {
  CHANNEL_ID_LENGTH,
  HOST_STATIC_KEY_LENGTH,
  PAIRING_PAYLOAD_FIXED_LENGTH,
  PAIRING_PAYLOAD_VERSION,
  type PairingLinkFields,
} from './pairing-payload.js';
export { Psk, PSK_LENGTH } from './psk.js';
export { Reassembler, type ReassemblyError, type ReassemblyOutcome } from './reassembler.js';
export { ackRecord, decodeRecord, encodeRecord, RECORD_VERSION, type AppRecord, type RecordError, type RecordKind } from './records.js';
export { DEFAULT_REKEY_OPTIONS, REKEY_LIMITS, RekeyPolicy, validateRekeyOptions, type RekeyOptions } from './rekey-policy.js';
export { MAX_RELAY_URL_LENGTH, parseRelayUrl, type RelayScheme, type RelayUrl } from './relay-url.js';
export { fail, ok, type Result } from './result.js';
export { computeSas, formatSas, HANDSHAKE_HASH_LENGTH, parseSasInput, SAS_DIGITS } from './sas.js';
