import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vectorsFromDocuments, type NoiseVector } from '../vectors/runner.js';
import { noiseVectorDir, protocolVectorDir } from './paths.js';

/** Every `*.json` in the vector directory, sorted by name; each file is `{"vectors":[...]}`. */
export function vectorFiles(dir = noiseVectorDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

export function loadNoiseVectors(dir = noiseVectorDir()): NoiseVector[] {
  return vectorsFromDocuments(vectorFiles(dir).map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown));
}

/** One known-answer file of docs/protocol.md §6, parsed. */
export async function loadProtocolVectors(fileName: string): Promise<unknown> {
  return JSON.parse(await readFile(join(protocolVectorDir, fileName), 'utf8')) as unknown;
}
