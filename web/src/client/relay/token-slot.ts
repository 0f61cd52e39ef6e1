import type { Bytes } from '../../shared/bytes.js';
import type { Clock } from '../clock.js';
import { MAX_TOKEN_LIFETIME_MS, MIN_TOKEN_REMAINING_MS } from '../limits.js';

/**
 * A device's connect token for one channel (§7.2), kept in memory only (a token is a credential and
 * lives 15 minutes; nothing is gained by storing it). Shared by a host's session and presence checks.
 */
export class TokenSlot {
  #token: Bytes | null = null;
  #expiresMs = 0;

  set(token: Bytes | null, expiresSeconds = 0n): void {
    this.#token = token;
    this.#expiresMs = Number(expiresSeconds) * 1000;
  }

  /** The token while it has more than a minute left; a saved token with less is not worth a refusal. */
  usable(clock: Clock): Bytes | null {
    return this.#token !== null && this.remainingMs(clock) > MIN_TOKEN_REMAINING_MS ? this.#token : null;
  }

  /** Time left by our clock, clamped to a token's lifetime: a clock behind the relay's must not delay refreshes. */
  remainingMs(clock: Clock): number {
    if (this.#token === null) return 0;
    return Math.min(Math.max(0, this.#expiresMs - clock.now()), MAX_TOKEN_LIFETIME_MS);
  }

  get present(): boolean {
    return this.#token !== null;
  }
}
