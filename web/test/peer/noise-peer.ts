/**
 * Stdio Noise peer for cross-language tests (the C# driver spawns it).
 *
 *   node web/build/test/peer/noise-peer.js
 *
 * stdin/stdout carry frames (4-byte big-endian length + bytes); stderr is for diagnostics only.
 * 1. Driver sends JSON {"protocol","role":"initiator"|"responder","prologue":hex,"s":hex,"rs":hex|null,"psk":hex|null}.
 * 2. Handshake messages are exchanged as frames (payloads empty on our side, ignored on theirs).
 * 3. Peer sends JSON {"h": hex handshake hash}.
 * 4. Echo: each frame is decrypted with the receive cipher and its plaintext sent back encrypted
 *    with the send cipher. On any error nothing more is written, the error code goes to stderr and
 *    the exit code is 1; EOF on stdin between frames exits 0.
 */
import { fromHex, HandshakeState, importPrivateKey, NoiseError, toHex } from '../../src/noise/index.js';
import { FrameReader, writeFrame } from './frames.js';

interface PeerConfig {
  readonly protocol: string;
  readonly role: 'initiator' | 'responder';
  readonly prologue: string;
  readonly s: string;
  readonly rs: string | null;
  readonly psk: string | null;
}

class PeerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function parseConfig(frame: Uint8Array): PeerConfig {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame));
  } catch {
    throw new PeerError('bad_config', 'first frame is not UTF-8 JSON');
  }
  const c = value as Partial<Record<keyof PeerConfig, unknown>>;
  const optionalHex = (v: unknown): boolean => v === null || v === undefined || typeof v === 'string';
  if (
    typeof c !== 'object' || c === null || typeof c.protocol !== 'string' || (c.role !== 'initiator' && c.role !== 'responder') ||
    typeof c.prologue !== 'string' || typeof c.s !== 'string' || !optionalHex(c.rs) || !optionalHex(c.psk)
  ) {
    throw new PeerError('bad_config', 'config needs protocol, role, prologue, s, rs, psk');
  }
  return { protocol: c.protocol, role: c.role, prologue: c.prologue, s: c.s, rs: (c.rs as string | null | undefined) ?? null, psk: (c.psk as string | null | undefined) ?? null };
}

async function requireFrame(reader: FrameReader, what: string): Promise<Uint8Array> {
  const frame = await reader.next();
  if (frame === null) throw new PeerError('unexpected_eof', `stdin ended before ${what}`);
  return frame;
}

async function main(): Promise<void> {
  const reader = new FrameReader(process.stdin);
  const config = parseConfig(await requireFrame(reader, 'the config frame'));
  const handshake = await HandshakeState.create({
    protocol: config.protocol,
    initiator: config.role === 'initiator',
    prologue: fromHex(config.prologue),
    staticKeyPair: await importPrivateKey(fromHex(config.s)),
    remoteStaticKey: config.rs === null ? undefined : fromHex(config.rs),
    psks: config.psk === null ? undefined : [fromHex(config.psk)],
  });
  while (!handshake.isComplete) {
    if (handshake.nextAction === 'write') await writeFrame(process.stdout, await handshake.writeMessage());
    else await handshake.readMessage(await requireFrame(reader, 'a handshake message'));
  }
  const transport = handshake.split();
  await writeFrame(process.stdout, new TextEncoder().encode(JSON.stringify({ h: toHex(transport.handshakeHash) })));
  process.stderr.write(`noise-peer: handshake complete (${config.protocol}, ${config.role})\n`);
  for (let frame = await reader.next(); frame !== null; frame = await reader.next()) {
    await writeFrame(process.stdout, await transport.encrypt(await transport.decrypt(frame)));
  }
}

try {
  await main();
} catch (error) {
  const code = error instanceof NoiseError || error instanceof PeerError ? error.code : error instanceof Error && 'code' in error ? String(error.code) : 'internal_error';
  process.stderr.write(`noise-peer: error ${code}\n`);
  process.exitCode = 1;
  // Stop reading so the process exits even though the driver may keep stdin open.
  process.stdin.destroy();
}
