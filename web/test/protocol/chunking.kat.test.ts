import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  MAX_BODY_PER_RECORD,
  MAX_MESSAGE_BYTES,
  OutboundLog,
  ProtocolUsageError,
  Reassembler,
  splitMessage,
  type AppRecord,
  type RecordKind,
} from '../../src/protocol/index.js';
import { loadVectors, patternBytes } from './support/vectors.js';

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
  readonly outcomes: readonly string[];
}

const vectors = loadVectors<{
  maxBodyPerRecord: number;
  maxMessageBytes: number;
  split: SplitCase[];
  tooLarge: number[];
  reassembly: ReassemblyCase[];
}>('chunking.json');

const isMessageTooLarge = (e: unknown): boolean => e instanceof ProtocolUsageError && e.code === 'message-too-large';

describe('chunking.json', () => {
  it('agrees on the limits', () => {
    assert.equal(vectors.maxBodyPerRecord, MAX_BODY_PER_RECORD);
    assert.equal(vectors.maxMessageBytes, MAX_MESSAGE_BYTES);
  });

  describe('split', () => {
    assert.ok(vectors.split.length > 0);
    for (const c of vectors.split) {
      it(`a message of ${c.length} bytes → ${c.records.length} record(s)`, () => {
        const message = patternBytes(c.length);
        const records = splitMessage(message, BigInt(c.seq), BigInt(c.ack));
        assert.equal(records.length, c.records.length);
        let offset = 0;
        c.records.forEach((expected, i) => {
          const r = records[i];
          assert.ok(r !== undefined);
          assert.deepEqual(
            { kind: r.kind, rekey: r.rekey, seq: r.seq, ack: r.ack, chunk: r.chunk, more: r.more, bodyLength: r.body.length },
            { kind: 'message', rekey: false, seq: BigInt(c.seq), ack: BigInt(c.ack), ...expected },
          );
          assert.deepEqual(r.body, patternBytes(expected.bodyLength, offset));
          offset += expected.bodyLength;
        });
      });
    }
  });

  describe('tooLarge', () => {
    assert.ok(vectors.tooLarge.length > 0);
    for (const length of vectors.tooLarge) {
      it(`a message of ${length} bytes is refused with message-too-large`, () => {
        const message = new Uint8Array(length);
        assert.throws(() => splitMessage(message, 9n, 4n), isMessageTooLarge);
        assert.throws(() => new OutboundLog().append(message), isMessageTooLarge);
      });
    }
  });

  describe('reassembly', () => {
    assert.ok(vectors.reassembly.length > 0);
    for (const c of vectors.reassembly) {
      it(c.name, () => runReassembly(c));
    }
  });
});

function runReassembly(c: ReassemblyCase): void {
  assert.equal(c.records.length, c.outcomes.length);
  const receiver = new Reassembler();
  let messageLength = 0; // bytes of the message in progress, for checking what is delivered
  let duplicates = 0;

  c.records.forEach((fed, i) => {
    const expected = c.outcomes[i];
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
    const where = `record ${i}`;

    if (expected !== 'buffered' && expected !== 'delivered' && expected !== 'duplicate' && expected !== 'ack') {
      assert.deepEqual(result, { ok: false, error: expected }, where);
      assert.equal(i, c.records.length - 1, 'no record is fed after an error');
      assert.equal(receiver.error, expected);
      return;
    }
    assert.ok(result.ok, `${where}: refused with ${result.ok ? '' : result.error}`);
    const outcome = result.value;
    assert.equal(outcome.kind, expected, where);
    if (fed.kind === 'message') messageLength = fed.chunk === 0 ? fed.bodyLength : messageLength + fed.bodyLength;

    if (outcome.kind === 'delivered') {
      assert.equal(outcome.seq, record.seq, where);
      assert.equal(outcome.message.length, messageLength, where);
      assert.deepEqual(outcome.message, patternBytes(messageLength), where);
      assert.equal(receiver.delivered, record.seq);
    } else if (outcome.kind === 'ack') {
      assert.equal(outcome.ack, record.ack, where);
    } else if (outcome.kind === 'duplicate') {
      duplicates++;
    }
  });
  assert.equal(receiver.duplicates, duplicates);
}
