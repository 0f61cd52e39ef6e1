import { BACKOFF_BASE_MS, BACKOFF_CAP_MS } from '../limits.js';

// 2^30 × 250 ms is far past the cap; stop the exponent there so the arithmetic stays exact.
const MAX_EXPONENT = 30;

/**
 * The reconnect delay before retry `attempt` (0 = the first retry): exponential with full jitter,
 * uniform in [0, min(30 s, 250 ms × 2^attempt)), so that devices dropped together by one relay
 * restart do not come back together. `random` is injectable so tests can pin the schedule.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(Math.max(0, attempt), MAX_EXPONENT));
  return Math.floor(random() * ceiling);
}
