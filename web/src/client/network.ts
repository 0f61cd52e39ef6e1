/**
 * The browser's word on the network (`online`/`offline` events). It is a hint, never a verdict:
 * `offline` shows the state at once instead of after a dead socket times out, and `online` makes a
 * device connect again now rather than after its backoff, over the network it has now.
 */
export interface NetworkWatch {
  /** Calls `onChange` on every change; returns the function that stops watching. */
  watch(onChange: (online: boolean) => void): () => void;
}

/** The page's events where there are some (browsers); nothing in Node. */
export const browserNetwork: NetworkWatch = {
  watch(onChange) {
    const target = globalThis as unknown as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>;
    if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return () => {};
    const online = (): void => onChange(true);
    const offline = (): void => onChange(false);
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    return () => {
      target.removeEventListener?.('online', online);
      target.removeEventListener?.('offline', offline);
    };
  },
};
