import { invalidArgument } from './errors.js';

/**
 * When a sender rekeys (docs/protocol.md §5). Before encrypting a record, with `n` records already
 * encrypted under the current sending key and `t` whole seconds since it was set:
 *
 *   shouldRekey(n, t) = (n + 1 >= maxRecords) or (t >= maxAgeSeconds)
 *
 * If true, the sender sets REKEY on that record, encrypts it, calls Rekey() on its sending cipher
 * state and restarts n and t at 0; so no key encrypts more than maxRecords records. The Rekey()
 * itself belongs to the Noise layer.
 */
export interface RekeyOptions {
  /** Records per sending key, 1 … 1,000,000; default 10,000. */
  readonly maxRecords: number;
  /** Seconds per sending key, 1 … 3,600; default 600 (10 minutes). */
  readonly maxAgeSeconds: number;
}

export const DEFAULT_REKEY_OPTIONS: RekeyOptions = Object.freeze({ maxRecords: 10_000, maxAgeSeconds: 600 });

export const REKEY_LIMITS = Object.freeze({
  maxRecords: { min: 1, max: 1_000_000 },
  maxAgeSeconds: { min: 1, max: 3_600 },
});

/** Every problem with `options`, not just the first, so a bad configuration is fixed in one go. */
export function validateRekeyOptions(options: RekeyOptions): string[] {
  const problems: string[] = [];
  for (const name of ['maxRecords', 'maxAgeSeconds'] as const) {
    const value = options[name];
    const { min, max } = REKEY_LIMITS[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
    }
  }
  return problems;
}

export class RekeyPolicy {
  readonly options: RekeyOptions;

  /** Missing options take their defaults; values outside the allowed ranges throw (§5: refused when made). */
  constructor(options: Partial<RekeyOptions> = {}) {
    const merged: RekeyOptions = Object.freeze({ ...DEFAULT_REKEY_OPTIONS, ...definedOnly(options) });
    const problems = validateRekeyOptions(merged);
    if (problems.length > 0) throw invalidArgument(`invalid rekey options: ${problems.join('; ')}`);
    this.options = merged;
  }

  /** `records`: already encrypted under the current key; `seconds`: whole seconds since it was set. */
  shouldRekey(records: number, seconds: number): boolean {
    if (!Number.isSafeInteger(records) || records < 0) throw invalidArgument('records must be a non-negative integer');
    if (!Number.isSafeInteger(seconds) || seconds < 0) throw invalidArgument('seconds must be a non-negative integer');
    return records + 1 >= this.options.maxRecords || seconds >= this.options.maxAgeSeconds;
  }
}

/** With exactOptionalPropertyTypes a key can still be present as undefined from JS callers; ignore it. */
function definedOnly(options: Partial<RekeyOptions>): Partial<RekeyOptions> {
  const out: { maxRecords?: number; maxAgeSeconds?: number } = {};
  if (options.maxRecords !== undefined) out.maxRecords = options.maxRecords;
  if (options.maxAgeSeconds !== undefined) out.maxAgeSeconds = options.maxAgeSeconds;
  return out;
}
