import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsFromDocuments, type NoiseVector } from '../vectors/runner.js';
import { noiseVectorDir } from './paths.js';

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
