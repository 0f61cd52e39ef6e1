import { toHex } from '../../shared/hex.js';
import { subtle } from '../../shared/subtle.js';

/**
 * The binding of an answer to a request (docs/protocol.md §10, invariant 4): lowercase hex SHA-256
 * of the UTF-8 bytes of the exact `input` string that was shown. It is computed here, over what
 * the card displays, never copied from the request.
 */
export async function inputSha256(input: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(input));
  return toHex(new Uint8Array(digest));
}
