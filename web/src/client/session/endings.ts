import type { SessionEnd } from '../api.js';
import type { CloseReason } from '../relay/close-reasons.js';

/** The words for each ending, as SessionEnding in C#; never keys, tokens or message contents. */
export const ENDINGS = {
  superseded: { reason: 'superseded', message: 'Another connection took over this session.' },
  revoked: { reason: 'revoked', message: "This device's access was revoked by the host. Pair it again on the workstation to use it." },
  storage: { reason: 'error', message: 'This browser could not save the session, so it stopped rather than lose messages.' },
  internal: { reason: 'error', message: 'The session stopped after an internal error; open it again.' },
} as const satisfies Record<string, SessionEnd>;

export const STREAM_ENDED = {
  hostStartedNew: 'The host started a new session; the previous one ended.',
  restoredLost: 'The previous session could not be resumed after this page reloaded; a new one starts.',
} as const;

export function hostUnreachable(windowMs: number): SessionEnd {
  return { reason: 'host-unreachable', message: `The host could not be reached for ${describe(windowMs)}; the session ended.` };
}

/** The ending of a device whose relay connection stopped for good with `reason`. */
export function endingForClose(reason: CloseReason | null): SessionEnd {
  if (reason === 'superseded') return ENDINGS.superseded;
  if (reason === 'revoked') return ENDINGS.revoked;
  if (reason === 'auth-failed') {
    return { reason: 'error', message: 'The relay refused this device (auth-failed): its certificate may have lapsed. Pair it again.' };
  }
  return { reason: 'error', message: `The relay closed the connection for good (${reason ?? 'dropped'}).` };
}

function describe(ms: number): string {
  const seconds = ms / 1000;
  const [count, unit] = seconds >= 60 && seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
