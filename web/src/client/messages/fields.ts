/**
 * Typed reads of one JSON object's members, matching what System.Text.Json accepts for the C#
 * shapes in SessionMessages.cs: a `required string` must be a string, a `long` an integer, a
 * nullable member may be absent or null. Each read returns `INVALID` for a wrong type, so a decoder
 * refuses the whole message instead of guessing.
 */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export class Fields {
  constructor(private readonly object: Record<string, unknown>) {}

  string(name: string): string | Invalid {
    const v = this.object[name];
    return typeof v === 'string' ? v : INVALID;
  }

  /** A `long`: an integer (kept within JavaScript's exact range). */
  integer(name: string): number | Invalid {
    const v = this.object[name];
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : INVALID;
  }

  /** A non-required `long` or `bool`: its default when absent. */
  integerOr(name: string, fallback: number): number | Invalid {
    return this.#absent(name) ? fallback : this.integer(name);
  }

  booleanOr(name: string, fallback: boolean): boolean | Invalid {
    if (this.#absent(name)) return fallback;
    const v = this.object[name];
    return typeof v === 'boolean' ? v : INVALID;
  }

  /** A nullable member: undefined when absent or null. */
  optionalString(name: string): string | undefined | Invalid {
    return this.#absentOrNull(name) ? undefined : this.string(name);
  }

  optionalInteger(name: string): number | undefined | Invalid {
    return this.#absentOrNull(name) ? undefined : this.integer(name);
  }

  /** A nullable `decimal`: any finite number. */
  optionalNumber(name: string): number | undefined | Invalid {
    if (this.#absentOrNull(name)) return undefined;
    const v = this.object[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : INVALID;
  }

  /** A string that must be one of `values` (the unions of api.ts). */
  oneOf<T extends string>(name: string, values: readonly T[]): T | Invalid {
    const v = this.object[name];
    return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : INVALID;
  }

  array(name: string): readonly unknown[] | Invalid {
    const v = this.object[name];
    return Array.isArray(v) ? v : INVALID;
  }

  #absent(name: string): boolean {
    return !Object.hasOwn(this.object, name);
  }

  #absentOrNull(name: string): boolean {
    return this.#absent(name) || this.object[name] === null;
  }
}

/** Whether any value of a decoded shape is INVALID. */
export function anyInvalid(values: readonly unknown[]): boolean {
  return values.some((v) => v === INVALID);
}

/** Copies the defined members only (exactOptionalPropertyTypes: an optional member is absent, not undefined). */
export function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
