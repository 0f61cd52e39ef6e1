import assert from 'node:assert/strict';
import { NoiseError, type NoiseErrorCode } from '../../src/noise/index.js';

/** Asserts the promise rejects with a NoiseError of the given code (never a TypeError) and yields no plaintext. */
export async function rejectsWithNoise(promise: Promise<unknown>, code?: NoiseErrorCode): Promise<NoiseError> {
  let caught: unknown;
  let settled = false;
  try {
    await promise;
    settled = true;
  } catch (error) {
    caught = error;
  }
  assert.ok(!settled, `expected a NoiseError${code === undefined ? '' : ` (${code})`}, but the call succeeded`);
  assert.ok(caught instanceof NoiseError, `expected a NoiseError, got ${String(caught)}`);
  if (code !== undefined) assert.equal(caught.code, code);
  return caught;
}

/** Synchronous variant for methods that throw before returning a promise. */
export function throwsWithNoise(fn: () => unknown, code?: NoiseErrorCode): void {
  assert.throws(fn, (error: unknown) => error instanceof NoiseError && (code === undefined || error.code === code));
}
