/**
 * The countdown on an approval card. The host denies on its own clock at the deadline; this is only
 * what the person sees, so it rounds down (never promises a second the host will not wait).
 */

/** "2:05 left", "45 s left", or null once the deadline has passed. */
export function formatRemaining(deadline: number, now: number): string | null {
  const ms = deadline - now;
  if (!(ms > 0)) return null;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s left`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}:${String(seconds % 60).padStart(2, '0')} left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** Under this many seconds the countdown is styled as urgent. */
export const URGENT_SECONDS = 15;

export function isUrgent(deadline: number, now: number): boolean {
  return deadline - now < URGENT_SECONDS * 1000;
}
