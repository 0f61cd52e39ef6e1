import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, HandshakeState, importPrivateKey, toHex, type Transport } from '../src/noise/index.js';
import { FrameReader, writeFrame } from './peer/frames.js';
import { IK, IK_PSK2, PROLOGUE } from './support/sessions.js';

const PEER = resolve(fileURLToPath(new URL('.', import.meta.url)), 'peer/noise-peer.js');

interface Peer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly frames: FrameReader;
  readonly stderr: () => string;
}

function startPeer(): Peer {
  const child = spawn(process.execPath, [PEER], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, frames: new FrameReader(child.stdout), stderr: () => stderr };
}

async function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

async function nextFrame(peer: Peer): Promise<Uint8Array> {
  const frame = await peer.frames.next();
  assert.ok(frame !== null, `peer closed stdout; stderr: ${peer.stderr()}`);
  return frame;
}

/** Drives the peer's handshake from the other role and checks the {"h"} frame. */
async function handshakeWithPeer(peer: Peer, protocol: string, peerRole: 'initiator' | 'responder', psk: Uint8Array | null): Promise<Transport> {
  const peerSecret = crypto.getRandomValues(new Uint8Array(32));
  const peerKeys = await importPrivateKey(peerSecret);
  const ours = await generateKeyPair();
  const weInitiate = peerRole === 'responder';
  await writeFrame(peer.child.stdin, new TextEncoder().encode(JSON.stringify({
    protocol,
    role: peerRole,
    prologue: toHex(PROLOGUE),
    s: toHex(peerSecret),
    rs: weInitiate ? null : toHex(ours.publicKey),
    psk: psk === null ? null : toHex(psk),
  })));
  const handshake = await HandshakeState.create({
    protocol,
    initiator: weInitiate,
    prologue: PROLOGUE,
    staticKeyPair: ours,
    remoteStaticKey: weInitiate ? peerKeys.publicKey : undefined,
    psks: psk === null ? undefined : [psk],
  });
  while (!handshake.isComplete) {
    if (handshake.nextAction === 'write') await writeFrame(peer.child.stdin, await handshake.writeMessage());
    else await handshake.readMessage(await nextFrame(peer));
  }
  const transport = handshake.split();
  const reported = JSON.parse(new TextDecoder().decode(await nextFrame(peer))) as { h: string };
  assert.equal(reported.h, toHex(transport.handshakeHash));
  assert.deepEqual(transport.remoteStaticKey, peerKeys.publicKey);
  return transport;
}

async function echo(peer: Peer, transport: Transport, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const plaintext = crypto.getRandomValues(new Uint8Array(i * 37 % 1500));
    await writeFrame(peer.child.stdin, await transport.encrypt(plaintext));
    assert.deepEqual(await transport.decrypt(await nextFrame(peer)), plaintext, `message ${i}`);
  }
}

describe('stdio noise peer', () => {
  test('the peer as IK responder echoes 200 messages and exits 0 on EOF', async () => {
    const peer = startPeer();
    const transport = await handshakeWithPeer(peer, IK, 'responder', null);
    await echo(peer, transport, 200);
    peer.child.stdin.end();
    assert.equal(await exitCode(peer.child), 0, peer.stderr());
  });

  test('the peer as IKpsk2 initiator echoes 200 messages and exits 0 on EOF', async () => {
    const peer = startPeer();
    const transport = await handshakeWithPeer(peer, IK_PSK2, 'initiator', crypto.getRandomValues(new Uint8Array(32)));
    await echo(peer, transport, 200);
    peer.child.stdin.end();
    assert.equal(await exitCode(peer.child), 0, peer.stderr());
  });

  test('a tampered frame makes the peer write nothing more, report the code and exit 1', async () => {
    const peer = startPeer();
    const transport = await handshakeWithPeer(peer, IK, 'responder', null);
    await echo(peer, transport, 3);
    const bad = await transport.encrypt(new TextEncoder().encode('tampered'));
    bad[0]! ^= 1;
    await writeFrame(peer.child.stdin, bad);
    assert.equal(await peer.frames.next(), null);
    assert.equal(await exitCode(peer.child), 1);
    assert.match(peer.stderr(), /decryption_failed/);
  });

  test('a wrong PSK makes the peer initiator fail the handshake, write no hash frame and exit 1', async () => {
    const peer = startPeer();
    const peerSecret = crypto.getRandomValues(new Uint8Array(32));
    const ours = await generateKeyPair();
    await writeFrame(peer.child.stdin, new TextEncoder().encode(JSON.stringify({
      protocol: IK_PSK2, role: 'initiator', prologue: toHex(PROLOGUE), s: toHex(peerSecret), rs: toHex(ours.publicKey), psk: toHex(new Uint8Array(32).fill(1)),
    })));
    const responder = await HandshakeState.create({
      protocol: IK_PSK2, initiator: false, prologue: PROLOGUE, staticKeyPair: ours, psks: [new Uint8Array(32).fill(2)],
    });
    // psk2 enters at the end of message 2, so message 1 still verifies and the peer rejects message 2.
    await responder.readMessage(await nextFrame(peer));
    await writeFrame(peer.child.stdin, await responder.writeMessage());
    assert.equal(await peer.frames.next(), null);
    assert.equal(await exitCode(peer.child), 1);
    assert.match(peer.stderr(), /decryption_failed/);
  });
});
