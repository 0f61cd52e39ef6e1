/**
 * Noise Protocol Framework (revision 34) on WebCrypto: X25519, AES-GCM or ChaCha20-Poly1305
 * (where the runtime has it), SHA-256. Test-only hooks live in internal.ts and are not exported here.
 */
export { HandshakeState, type HandshakeOptions, type NextAction } from './handshake-state.js';
export { Transport, MAX_PLAINTEXT_LEN } from './transport.js';
export { CipherState, MAX_NONCE } from './cipher-state.js';
export { SymmetricState } from './symmetric-state.js';
export { generateKeyPair, importPrivateKey, dh, DH_LEN, type KeyPair } from './dh25519.js';
export { getCipher, isCipherSupported, KEY_LEN, TAG_LEN, type CipherFunction } from './cipher-functions.js';
export { parseProtocolName, type ProtocolName, type CipherName } from './protocol-name.js';
export { resolvePattern, BASE_PATTERN_NAMES, type HandshakePattern, type MessagePattern, type Token, type PreToken } from './patterns.js';
export { PSK_LEN } from './handshake-keys.js';
export { MAX_MESSAGE_LEN } from './limits.js';
export { HASH_LEN } from './hkdf.js';
export { toHex, fromHex } from '../shared/hex.js';
export * from './errors.js';
export { CodedError, InvalidHexError, WebCryptoUnavailableError } from '../shared/errors.js';
