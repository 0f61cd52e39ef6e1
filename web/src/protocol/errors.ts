import { CodedError } from '../shared/errors.js';

/**
 * Thrown for caller bugs only (a wrong key length, encoding a record the decoder would refuse, a
 * message over 4 MiB). Untrusted input never throws; it returns a Result. `code` is stable so
 * callers and tests can switch on it; where the refusal mirrors a parser's, it is the parser's code.
 * Messages never contain key bytes, the PSK or message contents.
 */
export class ProtocolUsageError extends CodedError {}

/** The generic code for a value of the wrong shape or range. */
export const INVALID_ARGUMENT = 'invalid-argument';

export function invalidArgument(message: string): ProtocolUsageError {
  return new ProtocolUsageError(INVALID_ARGUMENT, message);
}
