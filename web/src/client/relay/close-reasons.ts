/**
 * WebSocket close codes of the relay (docs/protocol.md §7.5) and which of them end a device for good.
 */
export type CloseReason =
  | 'normal'
  | 'restarting'
  | 'auth-failed'
  | 'auth-timeout'
  | 'frame-too-large'
  | 'protocol-error'
  | 'slow-consumer'
  | 'rate-limited'
  | 'channel-full'
  | 'superseded'
  | 'revoked'
  | 'token-expired'
  | 'lost';

const BY_CODE: ReadonlyMap<number, CloseReason> = new Map([
  [1000, 'normal'],
  [1012, 'restarting'],
  [4001, 'auth-failed'],
  [4002, 'auth-timeout'],
  [4003, 'frame-too-large'],
  [4004, 'protocol-error'],
  [4005, 'slow-consumer'],
  [4006, 'rate-limited'],
  [4007, 'channel-full'],
  [4008, 'superseded'],
  [4009, 'revoked'],
  [4010, 'token-expired'],
  [4011, 'lost'],
]);

/** The reason a close code stands for, or null when it is not one of the relay's (a dropped connection, 1006). */
export function closeReasonFor(code: number): CloseReason | null {
  return BY_CODE.get(code) ?? null;
}

/** What this client sends when it closes: 1000, or 4004 when the relay's frames did not parse. */
export const CLIENT_CLOSE = { normal: 1000, protocolError: 4004 } as const;

/**
 * Whether a device stops after a connection that ended so (RelayCloseClassifier in C#):
 * - `revoked`: the host kicked this device; it must not come back by itself;
 * - `superseded`: a newer connection of this device took the session; coming back would take it
 *   back, and the two would fight for ever;
 * - `auth-failed` after a proof: the certificate or access key is not accepted, a retry gets the
 *   same answer (after a saved token it is not terminal: the token is dropped and a proof follows);
 * - `protocol-error`, `frame-too-large`: the relay says our frames are wrong; a retry sends the same.
 * Everything else (restarting, timeouts, slow-consumer, rate-limited, channel-full, token-expired,
 * a drop) is retried with backoff.
 */
export function isTerminal(reason: CloseReason | null): boolean {
  return reason === 'revoked' || reason === 'superseded' || reason === 'auth-failed' || reason === 'protocol-error' || reason === 'frame-too-large';
}
