/**
 * Known-answer cases that run unchanged under node:test (one named subtest per case, via
 * ../support/kat-node.ts) and inside headless Chromium (tallied into one summary line). So this
 * file and every case module use no Node APIs: no node:assert, no fs. They are fed parsed JSON by
 * whoever loaded it, and a failed check throws KatMismatch.
 */
import { CodedError } from '../../src/shared/errors.js';
import { toHex } from '../../src/shared/hex.js';

export interface KatCase {
  /** The level under the suite's title (`valid`, `split`, ...); '' puts the case directly under it. */
  readonly group: string;
  readonly name: string;
  /** Why this runtime cannot run the case (e.g. no ChaCha20-Poly1305 in WebCrypto); counted as skipped. */
  readonly skip?: string | undefined;
  run(): void | Promise<void>;
}

/** The cases of one known-answer file (or vector set), under its title. */
export interface KatSuite {
  readonly title: string;
  readonly cases: readonly KatCase[];
}

export class KatMismatch extends Error {
  override readonly name = 'KatMismatch';
}

/** Structural equality: bigints by value, bytes byte by byte, objects by their own keys in any order. */
export function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return a === b;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

/** Bytes past this are shown by their start and length: a 4 MiB message must not become the message. */
const SHOWN_BYTES = 32;

/** A readable form for failure messages: bigints keep their `n` (JSON has none), bytes become hex. */
export function show(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (v instanceof Uint8Array) {
        return v.length <= SHOWN_BYTES ? `hex:${toHex(v)}` : `hex:${toHex(v.subarray(0, SHOWN_BYTES))}… (${v.length} bytes)`;
      }
      return v;
    }) ?? 'undefined'
  );
}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) throw new KatMismatch(`${what}: got ${show(actual)}, expected ${show(expected)}`);
}

/** The value of an ok Result; a refusal is a mismatch that names its code. */
export function expectOk<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string }, what: string): T {
  if (!result.ok) throw new KatMismatch(`${what}: refused with ${result.error}`);
  return result.value;
}

/** `fn` must throw a CodedError (NoiseError, ProtocolUsageError, ...) with this code. */
export function expectThrows(fn: () => unknown, code: string, what: string): void {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodedError && error.code === code) return;
    throw new KatMismatch(`${what}: expected ${code}, got ${String(error)}`);
  }
  throw new KatMismatch(`${what}: expected ${code}, but nothing was thrown`);
}

/** A file whose list is empty would pass silently; refuse it when the cases are built. */
export function nonEmpty<T>(list: readonly T[] | undefined, what: string): readonly T[] {
  if (list === undefined || list.length === 0) throw new KatMismatch(`${what}: no cases in the file`);
  return list;
}

export interface KatTally {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failed case: where it is and what went wrong. */
  failures: string[];
}

/** Runs every case of every suite in order, never stopping at a failure. */
export async function tally(suites: readonly KatSuite[]): Promise<KatTally> {
  const out: KatTally = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const suite of suites) {
    for (const c of suite.cases) {
      if (c.skip !== undefined) {
        out.skipped++;
        continue;
      }
      try {
        await c.run();
        out.passed++;
      } catch (error) {
        out.failed++;
        const where = [suite.title, c.group, c.name].filter((part) => part !== '').join(' › ');
        out.failures.push(`${where}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
    }
  }
  return out;
}

/** `<title>: P passed, F failed, S skipped`, the one summary line each runner prints. */
export function formatTally(title: string, t: KatTally): string {
  return `${title}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}
