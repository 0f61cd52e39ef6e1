import type { AgentState, ConnectionState, SessionEnd } from '../client/api.js';

/** The sentences of the session screen, DOM-free so they are tested. */

export function connectionLabel(state: ConnectionState, wasOnline: boolean): string {
  switch (state) {
    case 'online':
      return 'Connected';
    case 'connecting':
      return wasOnline ? 'Reconnecting…' : 'Connecting…';
    case 'host-offline':
      return 'Host offline';
    case 'offline':
      return 'Offline';
  }
}

/** The banner under the header; null when there is nothing to say (online). */
export function connectionBanner(state: ConnectionState, wasOnline: boolean): string | null {
  switch (state) {
    case 'online':
      return null;
    case 'connecting':
      return wasOnline ? 'Connection lost; reconnecting… Messages you send are kept and delivered once it is back.' : null;
    case 'host-offline':
      return 'The host is offline (the workstation is asleep, or tether is not running). Waiting for it to come back…';
    case 'offline':
      return 'You are offline: the relay cannot be reached. Retrying…';
  }
}

export function agentStateLabel(state: AgentState): string {
  switch (state) {
    case 'idle':
      return 'Idle';
    case 'running':
      return 'Working…';
    case 'waiting_approval':
      return 'Waiting for your approval';
  }
}

export function endedTitle(end: SessionEnd, hostName: string): string {
  switch (end.reason) {
    case 'revoked':
      return `This device was removed from ${hostName}.`;
    case 'superseded':
      return 'Another connection took over this session.';
    case 'host-unreachable':
      return `${hostName} could not be reached for too long; the session ended.`;
    case 'closed':
      return 'The session was closed.';
    case 'error':
      return 'The session ended with an error.';
  }
}

export function endedAdvice(end: SessionEnd): string {
  switch (end.reason) {
    case 'revoked':
      return 'It can no longer connect. To use it again, pair it again from the workstation (tether pair).';
    case 'superseded':
      return 'Only one device drives a session at a time. Open it again here to take it back.';
    case 'host-unreachable':
      return 'Check that the workstation is awake and tether is running, then open the session again.';
    case 'closed':
    case 'error':
      return 'Open the session again to reconnect.';
  }
}

/** "3.2 s · $0.0123" under a turn. */
export function turnFootnote(durationMs: number, costUsd: number | undefined): string {
  const seconds = durationMs < 1000 ? `${Math.max(0, Math.round(durationMs))} ms` : `${(durationMs / 1000).toFixed(1)} s`;
  return costUsd === undefined ? seconds : `${seconds} · $${costUsd.toFixed(4)}`;
}

/** Sizes of tool results: "812 bytes", "14.2 KB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
