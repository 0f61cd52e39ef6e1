import type { TetherClient } from '../client/api.js';

/**
 * Where main.ts gets its TetherClient. The real one, `createTetherClient()` from ../client/index.ts
 * (async: it probes WebCrypto X25519 and IndexedDB), is being written in parallel; until it is in
 * this tree, this stand-in with the same signature makes the page say plainly that it cannot
 * connect. Once it is, this whole file becomes:
 *
 *   export { createTetherClient } from '../client/index.js';
 */
export async function createTetherClient(): Promise<TetherClient> {
  const unavailable = (): never => {
    throw new Error('The device client is not built into this page yet.');
  };
  return {
    unsupported: 'This build of the page has no device client yet, so it cannot connect to a host.',
    hosts: async () => [],
    presence: async () => 'unknown',
    pair: unavailable,
    forget: unavailable,
    transcript: unavailable,
    open: unavailable,
  };
}
