import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { describe, test } from 'node:test';
import { CipherState, getCipher } from '../src/noise/index.js';
import { setNonceForTesting } from '../src/noise/internal.js';
import { rejectsWithNoise } from './support/assert-noise.js';
import { freshParties, session, text } from './support/sessions.js';

// Reference AES-256-GCM from node:crypto: the test checks our WebCrypto code against an
// independent implementation. Library code never imports node:crypto.
function aesGcm(key: Uint8Array, nonce: bigint, ad: Uint8Array, plaintext: Uint8Array): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(nonce, 4);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(ad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

describe('rekey (section 11.3)', () => {
  test('rekey sets k to the first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero bytes) and keeps n', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const state = new CipherState(await getCipher('AESGCM'));
    await state.initializeKey(key.slice());
    state[setNonceForTesting](41n);
    await state.rekey();
    const expectedKey = aesGcm(key, 0xffff_ffff_ffff_ffffn, new Uint8Array(0), new Uint8Array(32)).subarray(0, 32);
    const plaintext = text('after rekey');
    const ours = await state.encryptWithAd(new Uint8Array(0), plaintext);
    assert.deepEqual(Buffer.from(ours), aesGcm(expectedKey, 41n, new Uint8Array(0), plaintext));
    // Twice in a row applies the formula twice.
    await state.rekey();
    const secondKey = aesGcm(expectedKey, 0xffff_ffff_ffff_ffffn, new Uint8Array(0), new Uint8Array(32)).subarray(0, 32);
    assert.deepEqual(Buffer.from(await state.encryptWithAd(new Uint8Array(0), plaintext)), aesGcm(secondKey, 42n, new Uint8Array(0), plaintext));
  });

  test('rekeySend on one side and rekeyReceive on the other keep the session working', async () => {
    const { initiator, responder } = await session(await freshParties());
    assert.deepEqual(await responder.decrypt(await initiator.encrypt(text('before'))), text('before'));
    await initiator.rekeySend();
    await responder.rekeyReceive();
    assert.deepEqual(await responder.decrypt(await initiator.encrypt(text('after'))), text('after'));
    // The other direction was not rekeyed and still works.
    assert.deepEqual(await initiator.decrypt(await responder.encrypt(text('reply'))), text('reply'));
    await initiator.rekey();
    await responder.rekey();
    assert.deepEqual(await initiator.decrypt(await responder.encrypt(text('both'))), text('both'));
    assert.deepEqual(await responder.decrypt(await initiator.encrypt(text('both'))), text('both'));
  });

  test('a rekey on only one side makes the next message fail authentication', async () => {
    const { initiator, responder } = await session(await freshParties());
    await initiator.rekeySend();
    await rejectsWithNoise(responder.decrypt(await initiator.encrypt(text('mismatch'))), 'decryption_failed');
  });

  test('encrypt calls issued without awaiting a rekey use the new key in call order', async () => {
    const { initiator, responder } = await session(await freshParties());
    const rekeyed = initiator.rekeySend();
    const sealed = initiator.encrypt(text('queued'));
    await rekeyed;
    await responder.rekeyReceive();
    assert.deepEqual(await responder.decrypt(await sealed), text('queued'));
  });
});
