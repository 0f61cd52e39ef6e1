import { TAG_LEN } from './cipher-functions.js';
import { DH_LEN } from './dh25519.js';
import type { Token } from './patterns.js';

/**
 * Byte count of a handshake message without its payload, and whether the payload is encrypted.
 * Computed from the tokens alone (section 7: `s` and the payload carry a tag once a key exists),
 * so lengths can be checked before any crypto work and before slicing received bytes.
 */
export interface MessageLayout {
  readonly fixedLength: number;
  readonly payloadTagged: boolean;
}

/** `hasKeyBefore`: whether the CipherState has a key when the message starts; `pskMode`: section 9.2 `e` also calls MixKey. */
export function messageLayout(tokens: readonly Token[], hasKeyBefore: boolean, pskMode: boolean): MessageLayout {
  let hasKey = hasKeyBefore;
  let fixedLength = 0;
  for (const token of tokens) {
    switch (token) {
      case 'e':
        fixedLength += DH_LEN;
        if (pskMode) hasKey = true;
        break;
      case 's':
        fixedLength += DH_LEN + (hasKey ? TAG_LEN : 0);
        break;
      case 'ee':
      case 'es':
      case 'se':
      case 'ss':
      case 'psk':
        hasKey = true;
        break;
    }
  }
  return { fixedLength: fixedLength + (hasKey ? TAG_LEN : 0), payloadTagged: hasKey };
}
