/** sas.json (docs/protocol.md §3): handshake hash → 8 digits, through WebCrypto's HMAC-SHA256. */
import { computeSas } from '../../../src/protocol/index.js';
import { fromHex } from '../../../src/shared/hex.js';
import { expectEqual, nonEmpty, type KatCase } from '../../vectors/kat.js';

interface SasCase {
  readonly handshakeHash: string;
  readonly sas: string;
  readonly note?: string;
}

export interface SasVectors {
  readonly cases: readonly SasCase[];
}

export function sasCases(v: SasVectors): KatCase[] {
  return nonEmpty(v.cases, 'cases').map((c, i) => ({
    group: '',
    name: `case ${i}: ${c.note ?? c.handshakeHash.slice(0, 16)} → ${c.sas}`,
    run: async () => expectEqual(await computeSas(fromHex(c.handshakeHash)), c.sas, 'sas'),
  }));
}
