/**
 * Byte helpers for both layers. `Bytes` pins the buffer type to ArrayBuffer because WebCrypto's
 * BufferSource refuses views over SharedArrayBuffer; copying caller input also stops later mutation
 * by the caller.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

export const EMPTY: Bytes = new Uint8Array(0);

/** A private copy of caller-supplied bytes. */
export function copyBytes(input: Uint8Array): Bytes {
  return new Uint8Array(input);
}

export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time over equal lengths; used for comparing public values, never for MACs (AEAD does that). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Reads every byte whatever the content, so the time taken does not depend on where a key is non-zero. */
export function isAllZero(a: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc |= a[i] ?? 0;
  return acc === 0;
}
