/**
 * The binding of an answer to a request (docs/protocol.md §10, invariant 4): lowercase hex SHA-256
 * of the UTF-8 bytes of the exact `input` string that was shown. The card computes it over what it
 * displays, never copying the request's own claim; the device client's digest is the one used.
 */
export { sha256Hex as inputSha256 } from '../../client/crypto/digests.js';
