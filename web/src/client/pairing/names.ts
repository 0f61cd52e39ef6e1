/**
 * The rules for a device's or host's display name (docs/protocol.md §8.1): 1 to 64 bytes of valid
 * UTF-8, not only whitespace, no control character (Cc) and no bidirectional formatting character.
 * Names come from the other side and end up in lists, so a name must not be able to reorder the
 * text around it. Mirrors PairingName in C#.
 */
export const MAX_NAME_BYTES = 64;

// C#'s char.IsWhiteSpace: Zs, Zl, Zp, and U+0009–U+000D, U+0085, U+00A0 (JavaScript's \s also has U+FEFF).
const WHITESPACE_ONLY = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function isValidName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || WHITESPACE_ONLY.test(name)) return false;
  if (hasLoneSurrogate(name)) return false; // it has no UTF-8 form
  return utf8Length(name) <= MAX_NAME_BYTES && !CONTROL.test(name) && !BIDI.test(name);
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
