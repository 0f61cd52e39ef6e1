import { UnsupportedProtocolError } from './errors.js';
import { resolvePattern, type HandshakePattern } from './patterns.js';

export type CipherName = 'AESGCM' | 'ChaChaPoly';

export interface ProtocolName {
  /** The full name, hashed into h by InitializeSymmetric (section 5.2). */
  readonly name: string;
  readonly pattern: HandshakePattern;
  readonly cipher: CipherName;
}

/**
 * Parses `Noise_<pattern>_25519_<AESGCM|ChaChaPoly>_SHA256` (section 8). Only X25519 and SHA-256
 * are accepted because those are what WebCrypto offers everywhere we run.
 */
export function parseProtocolName(name: string): ProtocolName {
  const parts = name.split('_');
  if (parts.length !== 5 || parts[0] !== 'Noise') {
    throw new UnsupportedProtocolError(`not a Noise protocol name: ${JSON.stringify(name)}`);
  }
  const [, patternName, dh, cipher, hash] = parts as [string, string, string, string, string];
  if (dh !== '25519') throw new UnsupportedProtocolError(`unsupported DH function ${JSON.stringify(dh)}`);
  if (hash !== 'SHA256') throw new UnsupportedProtocolError(`unsupported hash function ${JSON.stringify(hash)}`);
  if (cipher !== 'AESGCM' && cipher !== 'ChaChaPoly') {
    throw new UnsupportedProtocolError(`unsupported cipher function ${JSON.stringify(cipher)}`);
  }
  return { name, pattern: resolvePattern(patternName), cipher };
}
