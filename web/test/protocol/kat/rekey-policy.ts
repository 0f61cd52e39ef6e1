/** rekey.json, policy part (docs/protocol.md §5): defaults, shouldRekey decisions, refused options. */
import { DEFAULT_REKEY_OPTIONS, INVALID_ARGUMENT, RekeyPolicy, type RekeyOptions } from '../../../src/protocol/index.js';
import { expectEqual, expectThrows, nonEmpty, type KatCase } from '../../vectors/kat.js';

interface PolicyCase extends RekeyOptions {
  readonly records: number;
  readonly seconds: number;
  readonly rekey: boolean;
}

export interface RekeyPolicyVectors {
  readonly defaults: RekeyOptions;
  readonly policy: readonly PolicyCase[];
  readonly invalidOptions: readonly RekeyOptions[];
}

export function rekeyPolicyCases(v: RekeyPolicyVectors): KatCase[] {
  return [
    {
      group: '',
      name: 'defaults match the defaults of the options',
      run: () => {
        expectEqual(DEFAULT_REKEY_OPTIONS, v.defaults, 'DEFAULT_REKEY_OPTIONS');
        expectEqual(new RekeyPolicy().options, v.defaults, 'new RekeyPolicy().options');
      },
    },
    ...nonEmpty(v.policy, 'policy').map(
      (c): KatCase => ({
        group: 'policy',
        name: `maxRecords ${c.maxRecords}, maxAgeSeconds ${c.maxAgeSeconds}: shouldRekey(${c.records}, ${c.seconds}) = ${c.rekey}`,
        run: () => {
          const policy = new RekeyPolicy({ maxRecords: c.maxRecords, maxAgeSeconds: c.maxAgeSeconds });
          expectEqual(policy.shouldRekey(c.records, c.seconds), c.rekey, 'shouldRekey');
        },
      }),
    ),
    ...nonEmpty(v.invalidOptions, 'invalidOptions').map(
      (c): KatCase => ({
        group: 'invalidOptions',
        name: `refuses maxRecords ${c.maxRecords}, maxAgeSeconds ${c.maxAgeSeconds}`,
        run: () => expectThrows(() => new RekeyPolicy(c), INVALID_ARGUMENT, 'new RekeyPolicy'),
      }),
    ),
  ];
}
