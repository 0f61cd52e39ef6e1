import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { backoffDelay } from '../../src/client/relay/backoff.js';

describe('reconnect backoff', () => {
  it('is uniform below min(30 s, 250 ms × 2^attempt)', () => {
    const top = (attempt: number): number => backoffDelay(attempt, () => 0.999_999_9);
    assert.deepEqual([0, 1, 2, 3, 4].map(top), [249, 499, 999, 1999, 3999]);
    assert.equal(top(7), 29_999, 'capped at 30 s from the eighth attempt');
    assert.equal(top(1000), 29_999, 'a huge attempt count stays at the cap');
  });

  it('can be zero, so devices dropped together spread out from the start', () => {
    assert.equal(backoffDelay(5, () => 0), 0);
    const seen = new Set(Array.from({ length: 200 }, () => backoffDelay(6)));
    assert.ok(seen.size > 100, 'jitter spreads the delays');
    for (const d of seen) assert.ok(d >= 0 && d < 16_000);
  });
});
