/**
 * Every known-answer file of docs/protocol.md §6, as suites of cases. The Node test and the
 * Chromium page both call protocolKatSuites, each with its own loader (fs or fetch), so the two
 * runs check exactly the same cases with the same code.
 */
import type { KatSuite } from '../../vectors/kat.js';
import { chunkingCases, type ChunkingVectors } from './chunking.js';
import { pairingLinkCases, type PairingLinkVectors } from './pairing-link.js';
import { recordsCases, type RecordsVectors } from './records.js';
import { cipherRekeyCases, type CipherRekeyVectors } from './rekey-cipher.js';
import { rekeyPolicyCases, type RekeyPolicyVectors } from './rekey-policy.js';
import { sasCases, type SasVectors } from './sas.js';

export const PROTOCOL_VECTOR_FILES = ['pairing-link.json', 'sas.json', 'records.json', 'chunking.json', 'rekey.json'] as const;

export type ProtocolVectorFile = (typeof PROTOCOL_VECTOR_FILES)[number];

/** `load` returns a file's parsed JSON; the files are trusted fixtures, so their shape is taken as read. */
export async function protocolKatSuites(load: (file: ProtocolVectorFile) => Promise<unknown>): Promise<KatSuite[]> {
  const rekey = (await load('rekey.json')) as RekeyPolicyVectors & CipherRekeyVectors;
  return [
    { title: 'pairing-link.json', cases: pairingLinkCases((await load('pairing-link.json')) as PairingLinkVectors) },
    { title: 'sas.json', cases: sasCases((await load('sas.json')) as SasVectors) },
    { title: 'records.json', cases: recordsCases((await load('records.json')) as RecordsVectors) },
    { title: 'chunking.json', cases: chunkingCases((await load('chunking.json')) as ChunkingVectors) },
    { title: 'rekey.json', cases: [...rekeyPolicyCases(rekey), ...(await cipherRekeyCases(rekey))] },
  ];
}
