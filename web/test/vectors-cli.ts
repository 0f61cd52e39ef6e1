/**
 * `npm run test:vectors`: runs every supported vector in Node and prints exactly one summary line.
 * Exits non-zero when any vector fails or none passed (a silently empty run is a failure too).
 */
import { loadNoiseVectors } from './support/load-vectors.js';
import { formatSummary, runVectors } from './vectors/runner.js';

const summary = await runVectors(loadNoiseVectors());
for (const failure of summary.failures) console.error(failure);
console.log(formatSummary(summary));
if (summary.failed > 0 || summary.passed === 0) process.exitCode = 1;
