import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type NoiseErrorCode, type Transport } from '../src/noise/index.js';
import { rejectsWithNoise } from './support/assert-noise.js';
import { fixedParties, handshakePair, session, text, type Parties } from './support/sessions.js';

// Fixed keys and ephemerals make every message reproducible, so each mutation gets a fresh,
// otherwise identical run and any acceptance would be a real failure to authenticate.
const parties: Parties = await fixedParties();
const PAYLOAD = text('hand');

async function firstMessage(): Promise<Uint8Array> {
  const { initiator } = await handshakePair(parties);
  return initiator.writeMessage(PAYLOAD);
}

async function secondMessage(): Promise<Uint8Array> {
  const { initiator, responder } = await handshakePair(parties);
  await responder.readMessage(await initiator.writeMessage(PAYLOAD));
  return responder.writeMessage(PAYLOAD);
}

async function readFirst(message: Uint8Array): Promise<Uint8Array> {
  const { responder } = await handshakePair(parties);
  return responder.readMessage(message);
}

async function readSecond(message: Uint8Array): Promise<Uint8Array> {
  const { initiator } = await handshakePair(parties);
  await initiator.writeMessage(PAYLOAD);
  return initiator.readMessage(message);
}

function mutations(message: Uint8Array): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (let i = 0; i < message.length; i++) {
    const flipped = message.slice();
    flipped[i]! ^= 0x01;
    out.push([`bit flip at byte ${i}`, flipped]);
  }
  for (const cut of new Set([0, 1, 15, 31, 32, 33, message.length - 17, message.length - 1].filter((n) => n >= 0 && n < message.length))) out.push([`truncated to ${cut} bytes`, message.slice(0, cut)]);
  out.push(['extended by one byte', Uint8Array.of(...message, 0)]);
  out.push(['extended by 64 bytes', Uint8Array.of(...message, ...new Uint8Array(64))]);
  return out;
}

/** Each mutation of `message`, read by a fresh reader, is refused with a NoiseError of one of `codes`. */
async function everyMutationRefused(message: Uint8Array, read: (mutated: Uint8Array) => Promise<unknown>, codes: readonly NoiseErrorCode[]): Promise<void> {
  for (const [what, mutated] of mutations(message)) {
    const error = await rejectsWithNoise(read(mutated));
    assert.ok(codes.includes(error.code), `${what}: ${error.code}`);
  }
}

// A mutated public key may land on a low-order point, which DH refuses before any AEAD runs.
const HANDSHAKE_CODES: readonly NoiseErrorCode[] = ['decryption_failed', 'malformed_message', 'weak_public_key'];

describe('tampered handshake messages', () => {
  test('every flipped, truncated or extended first IK message is refused with a NoiseError', async () => {
    const original = await firstMessage();
    assert.deepEqual(await readFirst(original), PAYLOAD);
    await everyMutationRefused(original, readFirst, HANDSHAKE_CODES);
  });

  test('every flipped, truncated or extended second IK message is refused with a NoiseError', async () => {
    const original = await secondMessage();
    assert.deepEqual(await readSecond(original), PAYLOAD);
    await everyMutationRefused(original, readSecond, HANDSHAKE_CODES);
  });

  test('a first message replayed as the response, or a response replayed twice, is refused', async () => {
    const { initiator, responder } = await handshakePair(parties);
    const first = await initiator.writeMessage(PAYLOAD);
    await responder.readMessage(first);
    await rejectsWithNoise(initiator.readMessage(first), 'decryption_failed');
    const again = await handshakePair(parties);
    await again.responder.readMessage(await again.initiator.writeMessage(PAYLOAD));
    const second = await again.responder.writeMessage(PAYLOAD);
    await again.initiator.readMessage(second);
    await rejectsWithNoise(again.initiator.readMessage(second), 'out_of_turn');
  });

  test('a handshake that failed once is poisoned and refuses even the genuine message', async () => {
    const original = await firstMessage();
    const { responder } = await handshakePair(parties);
    const flipped = original.slice();
    flipped[40]! ^= 0x80;
    await rejectsWithNoise(responder.readMessage(flipped), 'decryption_failed');
    await rejectsWithNoise(responder.readMessage(original), 'poisoned');
    await rejectsWithNoise(responder.writeMessage(), 'poisoned');
  });
});

describe('tampered transport messages', () => {
  const open = (): Promise<{ initiator: Transport; responder: Transport }> => session(parties);

  test('every flipped, truncated or extended transport message is refused with a NoiseError', async () => {
    const sample = await (await open()).initiator.encrypt(text('transport'));
    await everyMutationRefused(sample, async (mutated) => (await open()).responder.decrypt(mutated), ['decryption_failed', 'malformed_message']);
  });

  test('a replayed transport message is refused', async () => {
    const { initiator, responder } = await open();
    const message = await initiator.encrypt(text('once'));
    assert.deepEqual(await responder.decrypt(message), text('once'));
    await rejectsWithNoise(responder.decrypt(message), 'decryption_failed');
  });

  test('reordered transport messages are refused', async () => {
    const { initiator, responder } = await open();
    await initiator.encrypt(text('first'));
    const second = await initiator.encrypt(text('second'));
    await rejectsWithNoise(responder.decrypt(second), 'decryption_failed');
  });

  test('a message reflected back to its sender is refused', async () => {
    const { initiator } = await open();
    await rejectsWithNoise(initiator.decrypt(await initiator.encrypt(text('echo'))), 'decryption_failed');
  });

  test('after one failed decryption the transport is poisoned in both directions', async () => {
    const { initiator, responder } = await open();
    const good = await initiator.encrypt(text('good'));
    const bad = good.slice();
    bad[0]! ^= 1;
    await rejectsWithNoise(responder.decrypt(bad), 'decryption_failed');
    assert.equal(responder.poisoned, true);
    await rejectsWithNoise(responder.decrypt(good), 'poisoned');
    await rejectsWithNoise(responder.encrypt(text('reply')), 'poisoned');
    await rejectsWithNoise(responder.rekey(), 'poisoned');
  });
});
