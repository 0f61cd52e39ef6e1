/**
 * Section 3: every Noise message (handshake or transport) is at most 65,535 bytes, so that it can
 * be framed with a 16-bit length. Checked before any crypto work so an oversized input costs nothing.
 */
export const MAX_MESSAGE_LEN = 65_535;
