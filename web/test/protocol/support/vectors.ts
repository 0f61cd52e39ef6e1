import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Loads the known-answer files of docs/protocol.md §6 from <repo>/tests/vectors. The repo root is
 * found by walking up to Tether.sln, so the tests run from build/ or from anywhere the repo lives.
 */
export function loadVectors<T>(fileName: string): T {
  const text = readFileSync(join(repoRoot(), 'tests', 'vectors', fileName), 'utf8');
  return JSON.parse(text) as T;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'Tether.sln'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Tether.sln not found above the test files');
    dir = parent;
  }
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) throw new Error(`bad hex in a vector (length ${hex.length})`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The body pattern of chunking.json: byte i of a message is i mod 251. */
export function patternBytes(length: number, startIndex = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (startIndex + i) % 251;
  return out;
}
