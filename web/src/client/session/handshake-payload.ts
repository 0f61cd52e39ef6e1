import { isAllZero, type Bytes } from '../../shared/bytes.js';

/**
 * The payloads of the session handshake (docs/protocol.md §9.1), exact lengths:
 *
 *   message 1 (device → host)  version 0x01 (1) ‖ stream id (16; zero = start a new stream)
 *   message 2 (host → device)  version 0x01 (1) ‖ stream id (16, never zero) ‖ flags (1; bit 0 resumed)
 */
export const STREAM_ID_LENGTH = 16;
const VERSION = 1;
const RESUMED = 0x01;
const SECOND_LENGTH = 1 + STREAM_ID_LENGTH + 1;

/** IK message 2 with its payload: e (32) ‖ payload (18) ‖ tag (16). Only a DATA of this length is tried as the answer. */
export const SECOND_MESSAGE_LENGTH = 32 + SECOND_LENGTH + 16;

export const SESSION_PROTOCOL = 'Noise_IK_25519_AESGCM_SHA256';

/** Message 1's payload naming `stream` (null: start a new one). */
export function encodeFirstPayload(stream: Uint8Array | null): Bytes {
  const out = new Uint8Array(1 + STREAM_ID_LENGTH);
  out[0] = VERSION;
  if (stream !== null) out.set(stream, 1);
  return out;
}

/** Message 2's payload; null when its length, version or flags are wrong, or the id is zero. */
export function decodeSecondPayload(payload: Uint8Array): { readonly streamId: Bytes; readonly resumed: boolean } | null {
  if (payload.length !== SECOND_LENGTH || payload[0] !== VERSION) return null;
  const flags = payload[SECOND_LENGTH - 1] ?? 0;
  if ((flags & ~RESUMED) !== 0) return null;
  const streamId = payload.slice(1, 1 + STREAM_ID_LENGTH);
  return isAllZero(streamId) ? null : { streamId, resumed: (flags & RESUMED) !== 0 };
}

const SESSION_LABEL = new TextEncoder().encode('tether/1 session');

/** The session prologue (§1.1): "tether/1 session" ‖ channel id. */
export function sessionPrologue(channelId: Uint8Array): Bytes {
  const out = new Uint8Array(SESSION_LABEL.length + channelId.length);
  out.set(SESSION_LABEL);
  out.set(channelId, SESSION_LABEL.length);
  return out;
}
