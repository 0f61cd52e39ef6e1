import { UnsupportedCipherError } from './errors.js';

/**
 * The one place that reaches for WebCrypto, so library code never imports node:crypto.
 * WebCrypto exists only in secure contexts (HTTPS or localhost) in browsers.
 */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new UnsupportedCipherError('WebCrypto (crypto.subtle; browsers need a secure context)');
  return s;
}
