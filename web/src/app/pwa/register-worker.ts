/**
 * Registers sw.js (the app-shell cache) next to index.html, so the scope is the app's root whether
 * the relay serves it at `/` or under a path prefix. A failure only costs offline start-up.
 */
export function registerWorker(base: string): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // No offline shell (private mode, or an http origin other than localhost): the app still works online.
  });
}
