import { ProtocolUsageError } from './errors.js';

/**
 * WebCrypto, the only crypto this package uses (no node:crypto, so the same code runs in browsers).
 * Browsers expose crypto.subtle only in secure contexts (HTTPS or localhost).
 */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new ProtocolUsageError('no-webcrypto', 'WebCrypto (crypto.subtle) is not available; browsers need a secure context');
  return s;
}
