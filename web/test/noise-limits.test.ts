import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { describe, test } from 'node:test';
import { MAX_MESSAGE_LEN, MAX_NONCE, MAX_PLAINTEXT_LEN, type Transport } from '../src/noise/index.js';
import { cipherStatesForTesting, setNonceForTesting } from '../src/noise/internal.js';
import { rejectsWithNoise } from './support/assert-noise.js';
import { fixedParties, freshParties, handshakePair, session } from './support/sessions.js';

function jumpNonce(transport: Transport, direction: 'send' | 'receive', nonce: bigint): void {
  const state = transport[cipherStatesForTesting]()[direction];
  assert.ok(state !== null);
  state[setNonceForTesting](nonce);
}

describe('message size limit', () => {
  test('a transport plaintext of 65,519 bytes fits exactly in 65,535 bytes and one more byte is refused', async () => {
    const { initiator, responder } = await session(await freshParties());
    assert.equal(MAX_MESSAGE_LEN, 65_535);
    const largest = await initiator.encrypt(new Uint8Array(MAX_PLAINTEXT_LEN).fill(7));
    assert.equal(largest.length, 65_535);
    assert.deepEqual(await responder.decrypt(largest), new Uint8Array(MAX_PLAINTEXT_LEN).fill(7));
    await rejectsWithNoise(initiator.encrypt(new Uint8Array(MAX_PLAINTEXT_LEN + 1)), 'message_too_large');
    // Refusing an oversized plaintext is a caller error and does not end the session.
    assert.deepEqual(await responder.decrypt(await initiator.encrypt(new Uint8Array(1))), new Uint8Array(1));
  });

  test('a received transport message over 65,535 bytes is refused before decryption', async () => {
    const { responder } = await session(await freshParties());
    await rejectsWithNoise(responder.decrypt(new Uint8Array(65_536)), 'message_too_large');
    await rejectsWithNoise(responder.decrypt(new Uint8Array(16)), 'poisoned');
  });

  test('a handshake message may be 65,535 bytes but not 65,536, on either side', async () => {
    const { initiator, responder } = await handshakePair(await freshParties());
    // IK message 1 carries e (32), encrypted s (48) and the payload tag (16): 96 bytes of overhead.
    await rejectsWithNoise(initiator.writeMessage(new Uint8Array(65_535 - 96 + 1)), 'message_too_large');
    const largest = await initiator.writeMessage(new Uint8Array(65_535 - 96));
    assert.equal(largest.length, 65_535);
    assert.equal((await responder.readMessage(largest)).length, 65_535 - 96);
    const other = await handshakePair(await freshParties());
    await rejectsWithNoise(other.responder.readMessage(new Uint8Array(65_536)), 'message_too_large');
  });

  test('a handshake message shorter than its tokens is a malformed_message error, not a TypeError', async () => {
    for (const length of [0, 1, 32, 95]) {
      const { responder } = await handshakePair(await freshParties());
      await rejectsWithNoise(responder.readMessage(new Uint8Array(length)), 'malformed_message');
    }
  });
});

describe('nonce exhaustion', () => {
  test('nonce 2^64-2 is the last one used and 2^64-1 is refused with NonceExhaustedError', async () => {
    const { initiator, responder } = await session(await fixedParties());
    jumpNonce(initiator, 'send', MAX_NONCE - 1n);
    jumpNonce(responder, 'receive', MAX_NONCE - 1n);
    const last = await initiator.encrypt(Uint8Array.of(1, 2, 3));
    assert.deepEqual(await responder.decrypt(last), Uint8Array.of(1, 2, 3));
    await rejectsWithNoise(initiator.encrypt(Uint8Array.of(4)), 'nonce_exhausted');
    await rejectsWithNoise(responder.decrypt(last), 'nonce_exhausted');
  });

  test('the AESGCM nonce is 4 zero bytes then the counter big-endian (checked against node:crypto)', async () => {
    const { CipherState, getCipher } = await import('../src/noise/index.js');
    const key = new Uint8Array(32).map((_, i) => i);
    const state = new CipherState(await getCipher('AESGCM'));
    await state.initializeKey(key.slice());
    const nonce = 0x0102030405060708n;
    state[setNonceForTesting](nonce);
    const plaintext = new TextEncoder().encode('nonce layout');
    const ad = Uint8Array.of(9, 9);
    const ours = await state.encryptWithAd(ad, plaintext);
    const iv = Buffer.from('000000000102030405060708', 'hex');
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(ad);
    const expected = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    assert.deepEqual(Buffer.from(ours), expected);
  });
});
