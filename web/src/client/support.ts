/**
 * Whether this browser can run Tether's device side: WebCrypto with X25519 (Chrome 133, Firefox 130,
 * Safari 17; only in secure contexts) and IndexedDB. The answer is a sentence for a person, or null.
 */
export async function unsupportedReason(): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    return 'This browser does not offer WebCrypto here. Open Tether over HTTPS (or on localhost) in a current browser.';
  }
  try {
    await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  } catch {
    return 'This browser cannot do X25519 key agreement, which Tether needs. Use Chrome 133, Firefox 130, Safari 17 or newer.';
  }
  if (typeof indexedDB === 'undefined') {
    return 'This browser does not offer IndexedDB here (private mode may turn it off), so Tether cannot keep its keys.';
  }
  return null;
}
