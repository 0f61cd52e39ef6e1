import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  generateKeyPair,
  HandshakeState,
  MissingKeyError,
  parseProtocolName,
  UnsupportedProtocolError,
  InvalidArgumentError,
} from '../src/noise/index.js';
import { rejectsWithNoise } from './support/assert-noise.js';
import { freshParties, handshakePair, IK, IK_PSK2, PROLOGUE, session, text } from './support/sessions.js';

const psk = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));

describe('IK handshake', () => {
  test('a full IK handshake with fresh keys agrees on the hash and keys in both directions', async () => {
    const parties = await freshParties();
    const { initiator, responder } = await handshakePair(parties);
    assert.equal(initiator.nextAction, 'write');
    assert.equal(responder.nextAction, 'read');
    const hello = await responder.readMessage(await initiator.writeMessage(text('hello')));
    assert.deepEqual(hello, text('hello'));
    assert.deepEqual(responder.remoteStaticKey, parties.initiatorStatic.publicKey);
    assert.deepEqual(await initiator.readMessage(await responder.writeMessage(text('welcome'))), text('welcome'));
    assert.equal(initiator.isComplete && responder.isComplete, true);
    const a = initiator.split();
    const b = responder.split();
    assert.deepEqual(a.handshakeHash, b.handshakeHash);
    assert.deepEqual(a.remoteStaticKey, parties.responderStatic.publicKey);
    assert.deepEqual(b.remoteStaticKey, parties.initiatorStatic.publicKey);
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await b.decrypt(await a.encrypt(text(`a${i}`))), text(`a${i}`));
      assert.deepEqual(await a.decrypt(await b.encrypt(text(`b${i}`))), text(`b${i}`));
    }
  });

  test('a pinned responder key that is wrong makes the responder refuse the first message', async () => {
    const parties = await freshParties();
    const stranger = await generateKeyPair();
    const { initiator, responder } = await handshakePair(parties, { pinnedResponderKey: stranger.publicKey });
    await rejectsWithNoise(responder.readMessage(await initiator.writeMessage(text('secret'))), 'decryption_failed');
  });

  test('a low-order ephemeral key in the first message is refused with weak_public_key and poisons the responder', async () => {
    const parties = await freshParties();
    const { initiator, responder } = await handshakePair(parties);
    const message = await initiator.writeMessage();
    message.fill(0, 0, 32); // u = 0 is a low-order point: X25519 with it is all zeros
    await rejectsWithNoise(responder.readMessage(message), 'weak_public_key');
    await rejectsWithNoise(responder.readMessage(message), 'poisoned');
  });

  test('a different prologue on the two sides makes the handshake fail', async () => {
    const parties = await freshParties();
    const initiator = await HandshakeState.create({ protocol: IK, initiator: true, prologue: text('a'), staticKeyPair: parties.initiatorStatic, remoteStaticKey: parties.responderStatic.publicKey });
    const responder = await HandshakeState.create({ protocol: IK, initiator: false, prologue: PROLOGUE, staticKeyPair: parties.responderStatic });
    await rejectsWithNoise(responder.readMessage(await initiator.writeMessage()), 'decryption_failed');
  });

  test('the split transport can be taken only once, so nonces are never shared', async () => {
    const parties = await freshParties();
    const { initiator, responder } = await handshakePair(parties);
    assert.throws(() => initiator.split(), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'out_of_turn');
    await responder.readMessage(await initiator.writeMessage());
    await initiator.readMessage(await responder.writeMessage());
    initiator.split();
    assert.throws(() => initiator.split(), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'out_of_turn');
  });
});

describe('IKpsk2 handshake', () => {
  test('a full IKpsk2 handshake with fresh keys and the same PSK succeeds', async () => {
    const parties = await freshParties();
    const key = psk();
    const { initiator, responder } = await session(parties, { protocol: IK_PSK2, initiatorPsk: key, responderPsk: key.slice() });
    assert.deepEqual(initiator.handshakeHash, responder.handshakeHash);
    assert.deepEqual(await responder.decrypt(await initiator.encrypt(text('paired'))), text('paired'));
  });

  test('a wrong PSK makes the initiator refuse the response and learn nothing', async () => {
    const parties = await freshParties();
    const { initiator, responder } = await handshakePair(parties, { protocol: IK_PSK2, initiatorPsk: psk(), responderPsk: psk() });
    // psk2 is mixed at the end of message 2, so message 1 still verifies and message 2 fails.
    await responder.readMessage(await initiator.writeMessage());
    await rejectsWithNoise(initiator.readMessage(await responder.writeMessage(text('welcome'))), 'decryption_failed');
  });
});

describe('handshake state machine', () => {
  test('writing when a read is due, or reading when a write is due, throws out_of_turn', async () => {
    const { initiator, responder } = await handshakePair(await freshParties());
    await rejectsWithNoise(initiator.readMessage(new Uint8Array(96)), 'out_of_turn');
    await rejectsWithNoise(responder.writeMessage(), 'out_of_turn');
    const first = await initiator.writeMessage();
    await rejectsWithNoise(initiator.writeMessage(), 'out_of_turn');
    await responder.readMessage(first);
    await rejectsWithNoise(responder.readMessage(first), 'out_of_turn');
  });

  test('overlapping calls on one handshake are refused instead of interleaving', async () => {
    const { initiator } = await handshakePair(await freshParties());
    const first = initiator.writeMessage();
    await rejectsWithNoise(initiator.writeMessage(), 'out_of_turn');
    await first;
  });

  test('a missing key, a superfluous key or a wrong PSK count is refused at creation', async () => {
    const parties = await freshParties();
    await rejectsWithNoise(HandshakeState.create({ protocol: IK, initiator: true, staticKeyPair: parties.initiatorStatic }), 'missing_key');
    await rejectsWithNoise(HandshakeState.create({ protocol: IK, initiator: false }), 'missing_key');
    await rejectsWithNoise(HandshakeState.create({ protocol: IK_PSK2, initiator: false, staticKeyPair: parties.responderStatic }), 'missing_key');
    await rejectsWithNoise(
      HandshakeState.create({ protocol: IK, initiator: false, staticKeyPair: parties.responderStatic, remoteStaticKey: parties.initiatorStatic.publicKey }),
      'invalid_argument',
    );
    await rejectsWithNoise(
      HandshakeState.create({ protocol: IK_PSK2, initiator: false, staticKeyPair: parties.responderStatic, psks: [new Uint8Array(31)] }),
      'invalid_argument',
    );
  });

  test('protocol names outside Noise_<pattern>_25519_<AESGCM|ChaChaPoly>_SHA256 are refused', () => {
    for (const name of ['Noise_IK_448_AESGCM_SHA256', 'Noise_IK_25519_AESGCM_BLAKE2s', 'Noise_IK_25519_AESGCM', 'Noise_ZZ_25519_AESGCM_SHA256', 'Noise_IKpsk9_25519_AESGCM_SHA256', 'Noise_XXfallback_25519_AESGCM_SHA256', 'Noise_IKpsk2+psk2_25519_AESGCM_SHA256']) {
      assert.throws(() => parseProtocolName(name), UnsupportedProtocolError, name);
    }
    const parsed = parseProtocolName('Noise_NNpsk0+psk2_25519_ChaChaPoly_SHA256');
    assert.equal(parsed.cipher, 'ChaChaPoly');
    assert.deepEqual(parsed.pattern.messages.map((m) => m.tokens), [['psk', 'e'], ['e', 'ee', 'psk']]);
    assert.ok(new InvalidArgumentError('x') instanceof Error);
  });
});
