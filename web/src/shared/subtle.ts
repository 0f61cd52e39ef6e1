import { WebCryptoUnavailableError } from './errors.js';

/**
 * The one place that reaches for WebCrypto, the only crypto the web client uses: no node:crypto, so
 * the same code runs in Node and in browsers.
 */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new WebCryptoUnavailableError();
  return s;
}
