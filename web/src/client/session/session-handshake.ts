import { HandshakeState } from '../../noise/handshake-state.js';
import type { Transport } from '../../noise/transport.js';
import { bytesEqual, type Bytes } from '../../shared/bytes.js';
import type { DeviceIdentity } from '../storage/store.js';
import { decodeSecondPayload, encodeFirstPayload, SESSION_PROTOCOL } from './handshake-payload.js';

/**
 * The device's IK handshake that opens every session (docs/protocol.md §1, §9.1), as
 * SessionHandshake in C#: the device initiates with a fresh ephemeral key, pins the host's static
 * key and names the stream it wants resumed; the host answers with the stream it gets.
 */
export async function startSessionHandshake(identity: DeviceIdentity, hostKey: Bytes, prologue: Bytes, stream: Bytes | null): Promise<{ handshake: HandshakeState; message1: Bytes }> {
  const handshake = await HandshakeState.create({ protocol: SESSION_PROTOCOL, initiator: true, prologue, staticKeyPair: identity.noise, remoteStaticKey: hostKey });
  return { handshake, message1: await handshake.writeMessage(encodeFirstPayload(stream)) };
}

export type HandshakeAnswer =
  | { readonly ok: true; readonly transport: Transport; readonly streamId: Bytes; readonly resumed: boolean }
  | { readonly ok: false; readonly why: 'undecryptable' | 'bad payload' };

/**
 * Reads the host's message 2. The host may resume only the stream `requested` named, and never a
 * stream when it named none; anything else is refused (a security event, §9.6).
 */
export async function finishSessionHandshake(handshake: HandshakeState, message2: Bytes, requested: Bytes | null): Promise<HandshakeAnswer> {
  let payload: Bytes;
  try {
    payload = await handshake.readMessage(message2);
  } catch {
    return { ok: false, why: 'undecryptable' };
  }
  const answer = decodeSecondPayload(payload);
  if (answer === null || (answer.resumed && (requested === null || !bytesEqual(answer.streamId, requested)))) return { ok: false, why: 'bad payload' };
  return { ok: true, transport: handshake.split(), streamId: answer.streamId, resumed: answer.resumed };
}
