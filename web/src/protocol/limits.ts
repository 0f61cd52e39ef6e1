/**
 * Size limits of the record layer (docs/protocol.md §1.2, §4, §4.2), in one place because the
 * codec, the chunker and the reassembler must agree on them byte for byte.
 */

/** Noise caps a message at 65,535 bytes (Noise §3); minus the 16-byte AEAD tag. */
export const MAX_NOISE_PLAINTEXT = 65_519;

/** version(1) kind(1) flags(1) chunk(2) seq(8) ack(8). */
export const RECORD_HEADER_LENGTH = 21;

/** 65,519 − 21: every chunk but the last of a message carries exactly this many body bytes. */
export const MAX_BODY_PER_RECORD = MAX_NOISE_PLAINTEXT - RECORD_HEADER_LENGTH;

/**
 * 4 MiB bounds the reassembly buffer per connection (at most 65 chunks); the host truncates larger
 * tool outputs before sending them.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * What each message kept for resend costs beyond its bytes (§4.3): without it, a bound that counted
 * bytes only would let a flood of empty messages grow the log without limit.
 */
export const PER_MESSAGE_CHARGE = 64;

/**
 * 4 × (4 MiB + 64): four of the largest messages with their charges, or minutes of streamed output
 * during an outage (§4.3). Past it the sender waits for acknowledgements instead of dropping.
 */
export const MAX_UNACKED_BYTES = 4 * (MAX_MESSAGE_BYTES + PER_MESSAGE_CHARGE);
