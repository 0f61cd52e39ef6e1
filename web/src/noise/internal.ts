/**
 * Hooks for tests only. They are not exported from index.ts; a symbol key keeps them off the
 * normal method namespace so application code cannot call them by accident.
 */

/** `cipherState[setNonceForTesting](n)` jumps the nonce counter, e.g. to test exhaustion. */
export const setNonceForTesting: unique symbol = Symbol('noise.setNonceForTesting');

/** `transport[cipherStatesForTesting]()` returns the send and receive CipherStates. */
export const cipherStatesForTesting: unique symbol = Symbol('noise.cipherStatesForTesting');
