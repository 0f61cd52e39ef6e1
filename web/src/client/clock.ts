/**
 * Time for the device side, injectable so that tests drive backoff, token refresh, handshake
 * deadlines and the outage window without sleeping.
 */
export interface Clock {
  /** Unix milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Whole Unix seconds, the unit of expiries on the wire. */
export function nowSeconds(clock: Clock): bigint {
  return BigInt(Math.floor(clock.now() / 1000));
}
