/**
 * Characters that change what a person reads without being seen: bidirectional overrides (the
 * "Trojan Source" trick), zero-width characters and control characters. In an approval card they
 * are shown as visible escapes, and their presence is a warning.
 */

// Newline and tab are fine; everything else below U+0020, DEL, C1, bidi controls, zero-width and BOM is not.
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/** The text with each hidden character replaced by `⟨U+202E⟩`. */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
