import { CodedError } from '../shared/errors.js';

/**
 * Every failure of the Noise layer is a NoiseError with a stable `code`, so callers can switch on
 * the code without string-matching messages. Messages never contain key bytes or plaintext.
 * The one exception is a runtime with no WebCrypto at all: WebCryptoUnavailableError
 * (../shared/errors.ts), shared with the protocol layer.
 */
export type NoiseErrorCode =
  | 'unsupported_protocol'
  | 'invalid_argument'
  | 'missing_key'
  | 'out_of_turn'
  | 'poisoned'
  | 'message_too_large'
  | 'malformed_message'
  | 'decryption_failed'
  | 'nonce_exhausted'
  | 'weak_public_key'
  | 'unsupported_cipher';

export class NoiseError extends CodedError<NoiseErrorCode> {}

/** The protocol name is not `Noise_<pattern>_25519_<AESGCM|ChaChaPoly>_SHA256` or names an unknown pattern. */
export class UnsupportedProtocolError extends NoiseError {
  constructor(message: string) {
    super('unsupported_protocol', message);
  }
}

/** A caller passed a value of the wrong shape (key length, PSK count, ...). */
export class InvalidArgumentError extends NoiseError {
  constructor(message: string) {
    super('invalid_argument', message);
  }
}

/** The pattern needs a key (s, rs, psk) that the caller did not supply. */
export class MissingKeyError extends NoiseError {
  constructor(message: string) {
    super('missing_key', message);
  }
}

/** A write when a read is due (or the reverse), a call after completion, or a concurrent call. */
export class OutOfTurnError extends NoiseError {
  constructor(message: string) {
    super('out_of_turn', message);
  }
}

/** An earlier failure poisoned this state; it refuses all further use (no retry after a forgery). */
export class PoisonedStateError extends NoiseError {
  constructor() {
    super('poisoned', 'Noise state is unusable after an earlier failure');
  }
}

/** Noise messages are limited to 65,535 bytes (spec section 3). */
export class MessageTooLargeError extends NoiseError {
  constructor(length: number, limit: number) {
    super('message_too_large', `message of ${length} bytes exceeds the limit of ${limit} bytes`);
  }
}

/** A handshake or transport message is shorter than its pattern requires. */
export class MalformedMessageError extends NoiseError {
  constructor(message: string) {
    super('malformed_message', message);
  }
}

/** AEAD authentication failed: wrong key, wrong hash, or tampered bytes. */
export class DecryptionFailedError extends NoiseError {
  constructor() {
    super('decryption_failed', 'Noise message failed authentication');
  }
}

/** Nonce 2^64-1 is reserved (spec section 5.1); the session must be replaced. */
export class NonceExhaustedError extends NoiseError {
  constructor() {
    super('nonce_exhausted', 'Noise cipher nonce space is exhausted');
  }
}

/** X25519 produced the all-zero output: the peer sent a low-order point (spec section 12.1 / RFC 7748 section 6.1). */
export class WeakPublicKeyError extends NoiseError {
  constructor() {
    super('weak_public_key', 'X25519 with this public key gives an all-zero shared secret');
  }
}

/** The runtime's WebCrypto lacks the requested cipher (ChaCha20-Poly1305 outside recent Chromium). */
export class UnsupportedCipherError extends NoiseError {
  constructor(cipher: string) {
    super('unsupported_cipher', `this runtime's WebCrypto does not support ${cipher}`);
  }
}
