import { loadNoiseVectors } from './support/load-vectors.js';
import { registerKatSuite } from './support/kat-node.js';
import { noiseVectorSuite } from './vectors/runner.js';

// One node:test test per published vector, so the totals count them; unsupported ones are skipped.
registerKatSuite(await noiseVectorSuite(loadNoiseVectors()));
