import { test } from 'node:test';
import { loadNoiseVectors } from './support/load-vectors.js';
import { isVectorSupported, runVector } from './vectors/runner.js';

// One node:test test per published vector, so the totals count them; unsupported ones are skipped.
const vectors = loadNoiseVectors();

for (const [index, vector] of vectors.entries()) {
  const supported = await isVectorSupported(vector);
  test(
    `${vector.protocol_name} vector #${index} reproduces every message and the handshake hash`,
    { skip: supported ? false : 'cipher not available in this runtime' },
    async () => {
      await runVector(vector);
    },
  );
}
