/** Plain byte comparison for test assertions (timing does not matter here). */
export function bytesEqualForTest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
