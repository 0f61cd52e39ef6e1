/**
 * The body pattern of chunking.json: byte i of a message is i mod 251 (a prime, so the pattern does
 * not line up with the 65,498-byte chunks and a misplaced chunk shows). `startIndex` is the offset
 * of the first byte within its message.
 */
export function patternBytes(length: number, startIndex = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (startIndex + i) % 251;
  return out;
}
