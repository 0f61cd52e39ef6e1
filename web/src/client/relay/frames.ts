import { concatBytes, type Bytes } from '../../shared/bytes.js';

/**
 * The relay's frames as a device sees them (docs/protocol.md §7.3). Every WebSocket message is one
 * binary frame: a type byte and a body. Readers take untrusted bytes and return null for anything
 * malformed, never throw; the caller then closes the connection.
 *
 *   relay → client  CHALLENGE    0x01  nonce (32)
 *   client → relay  HELLO        0x02  role (1) | kind (1) | credential
 *   relay → client  WELCOME      0x03  peer id (u32) | flags (1) | expires (u64) | token (83, or none)
 *   client → relay  REFRESH      0x04  (empty)
 *   relay → client  TOKEN        0x05  expires (u64) | token (83)
 *   both            DATA         0x10  peer id (u32, always 0 for a device) | payload (0..65,535)
 *   relay → device  HOST_ONLINE  0x22  (empty)
 *   relay → device  HOST_OFFLINE 0x23  (empty)
 *   relay → client  RESTARTING   0x40  reconnect after, ms (u32)
 *
 * Host-only frames (PEER_JOINED, PEER_LEFT, PAIR_OPEN, PAIR_CLOSE, KICK) never reach a device; one
 * that does is malformed here.
 */

/** The largest Noise message (Noise §3): a DATA payload is one. */
export const MAX_PAYLOAD = 65_535;
const DATA_HEADER_LENGTH = 5;
/** 65,540: a DATA frame with the largest payload; checked before a frame is parsed. */
export const MAX_FRAME = DATA_HEADER_LENGTH + MAX_PAYLOAD;
/** The relay reads nothing bigger before authentication (§7.6). */
export const MAX_HELLO = 512;
export const NONCE_LENGTH = 32;
export const TOKEN_LENGTH = 83;

const TYPE = {
  challenge: 0x01,
  hello: 0x02,
  welcome: 0x03,
  refresh: 0x04,
  token: 0x05,
  data: 0x10,
  hostOnline: 0x22,
  hostOffline: 0x23,
  restarting: 0x40,
} as const;

/** HELLO roles (§7.2). */
export const ROLE = { host: 1, device: 2, pairing: 3 } as const;
export type RelayRole = (typeof ROLE)[keyof typeof ROLE];

/** HELLO credential kinds (§7.3). */
export const HELLO_KIND = { token: 1, hostProof: 2, deviceProof: 3, pairingAccess: 4 } as const;
export type HelloKind = (typeof HELLO_KIND)[keyof typeof HELLO_KIND];

const HOST_ONLINE_FLAG = 0x01;
const WELCOME_FIXED_LENGTH = 14;

export type RelayFrame =
  | { readonly type: 'challenge'; readonly nonce: Bytes }
  | { readonly type: 'welcome'; readonly peerId: number; readonly hostOnline: boolean; readonly expires: bigint; readonly token: Bytes | null }
  | { readonly type: 'token'; readonly expires: bigint; readonly token: Bytes }
  | { readonly type: 'data'; readonly payload: Bytes }
  | { readonly type: 'host-online' }
  | { readonly type: 'host-offline' }
  | { readonly type: 'restarting'; readonly afterMs: number };

/** Reads one frame a device may receive; null when it is malformed or not for a device. */
export function decodeFrame(frame: Uint8Array): RelayFrame | null {
  if (frame.length === 0 || frame.length > MAX_FRAME) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  switch (frame[0]) {
    case TYPE.challenge:
      return frame.length === 1 + NONCE_LENGTH ? { type: 'challenge', nonce: frame.slice(1) } : null;
    case TYPE.welcome: {
      if (frame.length !== WELCOME_FIXED_LENGTH && frame.length !== WELCOME_FIXED_LENGTH + TOKEN_LENGTH) return null;
      const flags = frame[5] ?? 0;
      const peerId = view.getUint32(1, false);
      if ((flags & ~HOST_ONLINE_FLAG) !== 0 || peerId === 0) return null;
      const token = frame.length === WELCOME_FIXED_LENGTH ? null : frame.slice(WELCOME_FIXED_LENGTH);
      return { type: 'welcome', peerId, hostOnline: (flags & HOST_ONLINE_FLAG) !== 0, expires: view.getBigUint64(6, false), token };
    }
    case TYPE.token:
      return frame.length === 9 + TOKEN_LENGTH ? { type: 'token', expires: view.getBigUint64(1, false), token: frame.slice(9) } : null;
    case TYPE.data:
      // A device only ever hears from the host, whose peer id is 0 on this side (§7.3).
      if (frame.length < DATA_HEADER_LENGTH || view.getUint32(1, false) !== 0) return null;
      return { type: 'data', payload: frame.slice(DATA_HEADER_LENGTH) };
    case TYPE.hostOnline:
      return frame.length === 1 ? { type: 'host-online' } : null;
    case TYPE.hostOffline:
      return frame.length === 1 ? { type: 'host-offline' } : null;
    case TYPE.restarting:
      return frame.length === 5 ? { type: 'restarting', afterMs: view.getUint32(1, false) } : null;
    default:
      return null;
  }
}

export function encodeHello(role: RelayRole, kind: HelloKind, credential: Uint8Array): Bytes {
  const frame = concatBytes(Uint8Array.of(TYPE.hello, role, kind), credential);
  if (frame.length > MAX_HELLO) throw new RangeError(`a HELLO is at most ${MAX_HELLO} bytes`);
  return frame;
}

export function encodeRefresh(): Bytes {
  return Uint8Array.of(TYPE.refresh);
}

/** DATA towards the host: peer id 0 (§7.3). */
export function encodeData(payload: Uint8Array): Bytes {
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`a DATA payload is at most ${MAX_PAYLOAD} bytes`);
  return concatBytes(Uint8Array.of(TYPE.data, 0, 0, 0, 0), payload);
}

/** For tests and tools that play the relay: the frames a relay sends a device. */
export const relayFramesForTesting = {
  challenge: (nonce: Uint8Array): Bytes => concatBytes(Uint8Array.of(TYPE.challenge), nonce),
  welcome(peerId: number, hostOnline: boolean, expires: bigint, token: Uint8Array | null): Bytes {
    const frame = new Uint8Array(WELCOME_FIXED_LENGTH + (token?.length ?? 0));
    const view = new DataView(frame.buffer);
    frame[0] = TYPE.welcome;
    view.setUint32(1, peerId, false);
    frame[5] = hostOnline ? HOST_ONLINE_FLAG : 0;
    view.setBigUint64(6, expires, false);
    if (token !== null) frame.set(token, WELCOME_FIXED_LENGTH);
    return frame;
  },
  token(expires: bigint, token: Uint8Array): Bytes {
    const frame = new Uint8Array(9 + token.length);
    frame[0] = TYPE.token;
    new DataView(frame.buffer).setBigUint64(1, expires, false);
    frame.set(token, 9);
    return frame;
  },
  data: (payload: Uint8Array): Bytes => concatBytes(Uint8Array.of(TYPE.data, 0, 0, 0, 0), payload),
  hostOnline: (): Bytes => Uint8Array.of(TYPE.hostOnline),
  hostOffline: (): Bytes => Uint8Array.of(TYPE.hostOffline),
  restarting(afterMs: number): Bytes {
    const frame = new Uint8Array(5);
    frame[0] = TYPE.restarting;
    new DataView(frame.buffer).setUint32(1, afterMs, false);
    return frame;
  },
};
