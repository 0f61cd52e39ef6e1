/**
 * One tab per host. Two tabs of one browser share the host's stored stream (IndexedDB), so two live
 * sessions would each write the other's record state. A Web Lock per host makes the newest tab the
 * only one: it steals the lock, and the older tab is told so and ends its session before writing
 * more. This matches the host's own rule (the newest connection of a device takes over, §9.3).
 * Where the Web Locks API is missing (Node), there is one "tab" and no lock is needed.
 */

export interface TabLock {
  release(): void;
}

interface LockManagerLike {
  request(name: string, options: { steal: boolean }, callback: () => Promise<void>): Promise<void>;
}

const NO_LOCK: TabLock = { release: () => undefined };

/** Takes the lock for `hostId` from any other tab; `lost` runs if a newer tab takes it from this one. */
export async function takeTabLock(hostId: string, lost: () => void): Promise<TabLock> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (locks === undefined) return NO_LOCK;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let granted!: () => void;
  const acquired = new Promise<void>((resolve) => (granted = resolve));
  locks
    .request(`tether-session-${hostId}`, { steal: true }, () => {
      granted();
      return held;
    })
    // A stolen lock rejects its request with AbortError: a newer tab has the host now.
    .then(undefined, () => lost());
  await acquired;
  return { release };
}
