import type { Bytes } from '../shared/bytes.js';
import { invalidArgument, ProtocolUsageError } from './errors.js';

export const PSK_LENGTH = 32;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The one-time pairing secret of docs/protocol.md §2.1. It is held in a private field so that
 * logging, JSON.stringify, string templates and Node's inspector show only `Psk(redacted)`:
 * a PSK that reaches a log lets whoever reads it impersonate the host during pairing.
 * Call `wipe()` once the pairing handshake no longer needs it (the host forgets its copy too).
 */
export class Psk {
  #bytes: Bytes | null;

  /** Copies `bytes`, so later changes to the caller's buffer do not change the key. */
  constructor(bytes: Uint8Array) {
    if (bytes.length !== PSK_LENGTH) throw invalidArgument(`a PSK is ${PSK_LENGTH} bytes, got ${bytes.length}`);
    this.#bytes = new Uint8Array(bytes);
  }

  /** A fresh copy of the secret, for the Noise handshake; the caller should zero it after use. */
  exposeBytes(): Bytes {
    if (this.#bytes === null) throw new ProtocolUsageError('psk-wiped', 'the PSK was wiped');
    return new Uint8Array(this.#bytes);
  }

  get isWiped(): boolean {
    return this.#bytes === null;
  }

  /** Overwrites the secret with zeros; any later exposeBytes() throws. */
  wipe(): void {
    this.#bytes?.fill(0);
    this.#bytes = null;
  }

  toString(): string {
    return 'Psk(redacted)';
  }

  toJSON(): string {
    return 'Psk(redacted)';
  }

  [INSPECT](): string {
    return 'Psk(redacted)';
  }
}
