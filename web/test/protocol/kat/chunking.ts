/**
 * chunking.json (docs/protocol.md §4.2, §4.3): message length → record headers; oversized messages
 * refused; record sequences fed to a fresh receiver → one outcome per record.
 */
import {
  MAX_BODY_PER_RECORD,
  MAX_MESSAGE_BYTES,
  OutboundLog,
  Reassembler,
  splitMessage,
  type AppRecord,
  type ReassemblyOutcome,
  type RecordKind,
} from '../../../src/protocol/index.js';
import { expectEqual, expectThrows, KatMismatch, nonEmpty, type KatCase } from '../../vectors/kat.js';
import { patternBytes } from './pattern-bytes.js';

interface SplitCase {
  readonly length: number;
  readonly seq: string;
  readonly ack: string;
  readonly records: readonly { readonly chunk: number; readonly more: boolean; readonly bodyLength: number }[];
}

interface FedRecord {
  readonly kind: RecordKind;
  readonly seq: string;
  readonly chunk: number;
  readonly more: boolean;
  readonly bodyLength: number;
  readonly ack?: string;
}

interface ReassemblyCase {
  readonly name: string;
  readonly records: readonly FedRecord[];
  /** An outcome kind, or the error code after which nothing more is fed. */
  readonly outcomes: readonly string[];
}

export interface ChunkingVectors {
  readonly maxBodyPerRecord: number;
  readonly maxMessageBytes: number;
  readonly split: readonly SplitCase[];
  readonly tooLarge: readonly number[];
  readonly reassembly: readonly ReassemblyCase[];
}

function checkSplit(c: SplitCase): void {
  const records = splitMessage(patternBytes(c.length), BigInt(c.seq), BigInt(c.ack));
  expectEqual(records.length, c.records.length, 'record count');
  let offset = 0;
  c.records.forEach((expected, i) => {
    const r = records[i];
    expectEqual(
      r === undefined ? undefined : { kind: r.kind, rekey: r.rekey, seq: r.seq, ack: r.ack, chunk: r.chunk, more: r.more, body: r.body },
      { kind: 'message', rekey: false, seq: BigInt(c.seq), ack: BigInt(c.ack), chunk: expected.chunk, more: expected.more, body: patternBytes(expected.bodyLength, offset) },
      `record ${i}`,
    );
    offset += expected.bodyLength;
  });
}

const OUTCOME_KINDS: readonly string[] = ['buffered', 'delivered', 'duplicate', 'ack'] satisfies readonly ReassemblyOutcome['kind'][];

function checkReassembly(c: ReassemblyCase): void {
  expectEqual(c.records.length, c.outcomes.length, 'one outcome per record');
  const receiver = new Reassembler();
  let messageLength = 0; // bytes of the message in progress, for checking what is delivered
  let duplicates = 0;

  c.records.forEach((fed, i) => {
    const where = `record ${i}`;
    const expected = c.outcomes[i] ?? '';
    const record: AppRecord = {
      kind: fed.kind,
      more: fed.more,
      rekey: false,
      chunk: fed.chunk,
      seq: BigInt(fed.seq),
      ack: BigInt(fed.ack ?? '0'),
      body: patternBytes(fed.bodyLength, fed.chunk * MAX_BODY_PER_RECORD),
    };
    const result = receiver.accept(record);

    if (!OUTCOME_KINDS.includes(expected)) {
      expectEqual(result, { ok: false, error: expected }, where);
      expectEqual(i, c.records.length - 1, 'no record is fed after an error');
      expectEqual(receiver.error, expected, 'receiver.error');
      return;
    }
    if (!result.ok) throw new KatMismatch(`${where}: refused with ${result.error}, expected ${expected}`);
    const outcome = result.value;
    expectEqual(outcome.kind, expected, where);
    if (fed.kind === 'message') messageLength = fed.chunk === 0 ? fed.bodyLength : messageLength + fed.bodyLength;

    if (outcome.kind === 'delivered') {
      expectEqual({ seq: outcome.seq, message: outcome.message }, { seq: record.seq, message: patternBytes(messageLength) }, `${where} delivered`);
      expectEqual(receiver.delivered, record.seq, 'receiver.delivered');
    } else if (outcome.kind === 'ack') {
      expectEqual(outcome.ack, record.ack, `${where} ack`);
    } else if (outcome.kind === 'duplicate') {
      duplicates++;
    }
  });
  expectEqual(receiver.duplicates, duplicates, 'receiver.duplicates');
}

export function chunkingCases(v: ChunkingVectors): KatCase[] {
  return [
    {
      group: '',
      name: 'agrees on the limits',
      run: () => expectEqual({ maxBodyPerRecord: v.maxBodyPerRecord, maxMessageBytes: v.maxMessageBytes }, { maxBodyPerRecord: MAX_BODY_PER_RECORD, maxMessageBytes: MAX_MESSAGE_BYTES }, 'limits'),
    },
    ...nonEmpty(v.split, 'split').map((c): KatCase => ({ group: 'split', name: `a message of ${c.length} bytes → ${c.records.length} record(s)`, run: () => checkSplit(c) })),
    ...nonEmpty(v.tooLarge, 'tooLarge').map(
      (length): KatCase => ({
        group: 'tooLarge',
        name: `a message of ${length} bytes is refused with message-too-large`,
        run: () => {
          const message = new Uint8Array(length);
          expectThrows(() => splitMessage(message, 9n, 4n), 'message-too-large', 'splitMessage');
          expectThrows(() => new OutboundLog().append(message), 'message-too-large', 'OutboundLog.append');
        },
      }),
    ),
    ...nonEmpty(v.reassembly, 'reassembly').map((c): KatCase => ({ group: 'reassembly', name: c.name, run: () => checkReassembly(c) })),
  ];
}
