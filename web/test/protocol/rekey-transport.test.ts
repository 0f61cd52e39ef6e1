/**
 * The REKEY flag end to end (docs/protocol.md §5): records through a real Noise session, the sender
 * rekeying after each flagged record and the receiver following after decrypting one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Transport } from '../../src/noise/index.js';
import { decodeRecord, encodeRecord, RekeyPolicy, splitMessage, type AppRecord } from '../../src/protocol/index.js';
import { rejectsWithNoise } from '../support/assert-noise.js';
import { freshParties, session, text } from '../support/sessions.js';

/** §5, sending side: set REKEY if the policy says so, encrypt, then rekey the sending key. */
async function send(sender: Transport, record: AppRecord, rekey: boolean): Promise<Uint8Array> {
  const sealed = await sender.encrypt(encodeRecord({ ...record, rekey }));
  if (rekey) await sender.rekeySend();
  return sealed;
}

/** §5, receiving side: decrypt, decode, and follow a REKEY unless `follow` is false (a broken receiver). */
async function receive(receiver: Transport, sealed: Uint8Array, follow = true): Promise<AppRecord> {
  const decoded = decodeRecord(await receiver.decrypt(sealed));
  assert.ok(decoded.ok, `refused with ${decoded.ok ? '' : decoded.error}`);
  if (decoded.value.rekey && follow) await receiver.rekeyReceive();
  return decoded.value;
}

const message = (seq: bigint, body: string): AppRecord => {
  const [record] = splitMessage(text(body), seq, 0n);
  assert.ok(record !== undefined);
  return record;
};

describe('REKEY records over a Noise session', () => {
  test('a record flagged REKEY, then rekeySend() and rekeyReceive(), keeps both sides in step', async () => {
    const { initiator, responder } = await session(await freshParties());
    // maxRecords 3: every third record under a key carries REKEY, so ten records use four keys.
    const policy = new RekeyPolicy({ maxRecords: 3, maxAgeSeconds: 600 });
    let underKey = 0;
    let rekeys = 0;
    for (let seq = 1n; seq <= 10n; seq++) {
      const flag = policy.shouldRekey(underKey, 0);
      const received = await receive(responder, await send(initiator, message(seq, `record ${seq}`), flag));
      assert.equal(received.rekey, flag);
      assert.equal(received.seq, seq);
      assert.deepEqual(received.body, text(`record ${seq}`));
      underKey = flag ? 0 : underKey + 1;
      if (flag) rekeys++;
    }
    assert.equal(rekeys, 3);
    // Each direction rekeys on its own: the reverse direction still uses its first key.
    assert.equal((await receive(initiator, await send(responder, message(1n, 'reply'), false))).seq, 1n);
  });

  test('a receiver that does not rekey after a REKEY record cannot decrypt the next record', async () => {
    const { initiator, responder } = await session(await freshParties());
    const flagged = await receive(responder, await send(initiator, message(1n, 'last under the old key'), true), false);
    assert.equal(flagged.rekey, true, 'the flagged record itself still decrypts under the old key');
    await rejectsWithNoise(responder.decrypt(await send(initiator, message(2n, 'first under the new key'), false)), 'decryption_failed');
    // The failure poisons the receiver: the connection must drop (§1.2).
    await rejectsWithNoise(responder.decrypt(await send(initiator, message(3n, 'too late'), false)), 'poisoned');
  });

  test('a receiver that rekeys early, before decrypting the REKEY record, cannot decrypt it', async () => {
    const { initiator, responder } = await session(await freshParties());
    const sealed = await send(initiator, message(1n, 'flagged'), true);
    await responder.rekeyReceive();
    await rejectsWithNoise(responder.decrypt(sealed), 'decryption_failed');
  });
});
