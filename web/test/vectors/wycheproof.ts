/**
 * Wycheproof's x25519_test.json against src/noise's X25519, free of Node APIs so the Node test and
 * the Chromium page share it.
 */
import { dh, fromHex, importPrivateKey, toHex, WeakPublicKeyError } from '../../src/noise/index.js';

export interface WycheproofCase {
  readonly tcId: number;
  readonly flags: readonly string[];
  readonly public: string;
  readonly private: string;
  readonly shared: string;
  readonly result: 'valid' | 'acceptable' | 'invalid';
}

/** Every test of every group of the parsed file. */
export function wycheproofCases(file: unknown): WycheproofCase[] {
  return (file as { testGroups: { tests: WycheproofCase[] }[] }).testGroups.flatMap((group) => group.tests);
}

/** Wycheproof marks low-order public keys this way; Noise must refuse them (WeakPublicKeyError). */
export const isZeroSharedSecret = (c: WycheproofCase): boolean => c.flags.includes('ZeroSharedSecret');

/** The shared secret, hex, from the case's private and public keys. */
export async function derive(c: WycheproofCase): Promise<string> {
  const { privateKey } = await importPrivateKey(fromHex(c.private));
  return toHex(await dh(privateKey, fromHex(c.public)));
}

/** The tcIds that misbehave: valid cases must match, ZeroSharedSecret cases must raise WeakPublicKeyError. */
export async function wycheproofProblems(cases: readonly WycheproofCase[]): Promise<{ checked: number; problems: string[] }> {
  const problems: string[] = [];
  let checked = 0;
  for (const c of cases) {
    const zero = isZeroSharedSecret(c);
    if (c.result !== 'valid' && !zero) continue;
    checked++;
    try {
      const shared = await derive(c);
      if (zero || shared !== c.shared) problems.push(`tcId ${c.tcId}: got ${zero ? 'a shared secret' : shared}`);
    } catch (error) {
      if (!(zero && error instanceof WeakPublicKeyError)) problems.push(`tcId ${c.tcId}: ${String(error)}`);
    }
  }
  return { checked, problems };
}
