import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file runs from web/build/test/support/, so the repository root is four levels up.
// Paths are derived from the script location so the tests work from any checkout and any cwd.
const here = dirname(fileURLToPath(import.meta.url));

export const webRoot = resolve(here, '../../..');
export const repoRoot = resolve(webRoot, '..');
/** Shared vectors live next to the repository: <repo>/../shared/vectors. */
export const sharedVectorsRoot = resolve(repoRoot, '../shared/vectors');

/** Directory of cacophony-format Noise vectors; TETHER_NOISE_VECTORS overrides it. */
export function noiseVectorDir(): string {
  const fromEnv = process.env['TETHER_NOISE_VECTORS'];
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : resolve(sharedVectorsRoot, 'noise');
}

/** The known-answer files of docs/protocol.md §6. */
export const protocolVectorDir = resolve(repoRoot, 'tests/vectors');

export const wycheproofX25519File = resolve(sharedVectorsRoot, 'wycheproof/x25519_test.json');
