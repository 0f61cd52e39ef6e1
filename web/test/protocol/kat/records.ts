/** records.json (docs/protocol.md §4.1): record fields ↔ bytes both ways; invalid bytes → error code. */
import { decodeRecord, encodeRecord, MAX_BODY_PER_RECORD, type AppRecord, type RecordError } from '../../../src/protocol/index.js';
import { fromHex, toHex } from '../../../src/shared/hex.js';
import { expectEqual, expectOk, nonEmpty, type KatCase } from '../../vectors/kat.js';

/** The record's fields, but seq and ack as decimal strings (JSON numbers lose precision past 2^53) and hex bytes. */
interface ValidCase extends Pick<AppRecord, 'kind' | 'more' | 'rekey' | 'chunk'> {
  readonly name: string;
  readonly seq: string;
  readonly ack: string;
  readonly body: string;
  readonly bytes: string;
}

interface InvalidCase {
  readonly name: string;
  readonly bytes: string;
  readonly error: RecordError;
}

export interface RecordsVectors {
  readonly maxBodyPerRecord: number;
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

function validCases(c: ValidCase): KatCase[] {
  const fields: AppRecord = {
    kind: c.kind,
    more: c.more,
    rekey: c.rekey,
    chunk: c.chunk,
    seq: BigInt(c.seq),
    ack: BigInt(c.ack),
    body: fromHex(c.body),
  };
  return [
    { group: 'valid', name: `${c.name}: decodes bytes into fields`, run: () => expectEqual(expectOk(decodeRecord(fromHex(c.bytes)), 'decode'), fields, 'fields') },
    { group: 'valid', name: `${c.name}: encodes fields into bytes`, run: () => expectEqual(toHex(encodeRecord(fields)), c.bytes, 'bytes') },
  ];
}

export function recordsCases(v: RecordsVectors): KatCase[] {
  return [
    { group: '', name: 'agrees on the body limit', run: () => expectEqual(v.maxBodyPerRecord, MAX_BODY_PER_RECORD, 'maxBodyPerRecord') },
    ...nonEmpty(v.valid, 'valid').flatMap(validCases),
    ...nonEmpty(v.invalid, 'invalid').map(
      (c): KatCase => ({
        group: 'invalid',
        name: `${c.name} → ${c.error}`,
        run: () => expectEqual(decodeRecord(fromHex(c.bytes)), { ok: false, error: c.error }, 'result'),
      }),
    ),
  ];
}
