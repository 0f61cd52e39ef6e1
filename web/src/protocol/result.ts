/**
 * The outcome of checking untrusted input (a scanned link, a record off the wire, typed digits).
 * Bad input is expected, so it is a value the caller must look at, not an exception; the error is
 * one of the codes that docs/protocol.md names, so both implementations report the same thing.
 */
export type Result<T, E extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E extends string>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
