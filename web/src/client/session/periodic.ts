import type { Clock } from '../clock.js';

/** Calls `tick` every `ms` on `clock` until the returned function is called. */
export function every(clock: Clock, ms: number, tick: () => void): () => void {
  let timer: unknown = null;
  let stopped = false;
  const schedule = (): void => {
    timer = clock.setTimeout(() => {
      if (stopped) return;
      tick();
      schedule();
    }, ms);
  };
  schedule();
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
  };
}
