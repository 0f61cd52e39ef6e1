import { describe, it } from 'node:test';
import type { KatCase, KatSuite } from '../vectors/kat.js';

/**
 * Registers a known-answer suite with node:test: a describe() for the suite, one for each group,
 * and one named test per case, so the totals count every case and a failure names it.
 */
export function registerKatSuite(suite: KatSuite): void {
  describe(suite.title, () => {
    const groups = new Map<string, KatCase[]>();
    for (const c of suite.cases) {
      const list = groups.get(c.group) ?? [];
      list.push(c);
      groups.set(c.group, list);
    }
    for (const [group, cases] of groups) {
      if (group === '') registerCases(cases);
      else describe(group, () => registerCases(cases));
    }
  });
}

function registerCases(cases: readonly KatCase[]): void {
  for (const c of cases) it(c.name, { skip: c.skip ?? false }, () => c.run());
}
