/**
 * What a decided approval card says: who decided and how. `answeredHere` is whether this page sent
 * the answer, so "on this device" is only claimed when it is true.
 */

export interface Resolution {
  readonly decision: string;
  readonly by: 'device' | 'timeout' | 'no-device' | 'stopping' | 'expired' | 'stream-ended' | 'replaced';
  readonly reason?: string;
}

export function resolutionText(resolution: Resolution, answeredHere: boolean): string {
  const allowed = resolution.decision === 'allow'; // anything else is a deny (docs/protocol.md §10)
  switch (resolution.by) {
    case 'device':
      return `${allowed ? 'Approved' : 'Denied'} ${answeredHere ? 'on this device' : 'on another device'}.`;
    case 'timeout':
      return 'Expired: no answer before the deadline, so the host denied it.';
    case 'expired':
      return 'Expired: the deadline passed, so the host denies it.';
    case 'no-device':
      return 'Denied: no device was connected when it was asked.';
    case 'stopping':
      return 'Denied: the host was stopping.';
    case 'stream-ended':
      return 'Void: it belonged to a session that has ended.';
    case 'replaced':
      return 'Replaced by a newer request with the same id.';
  }
}

export function isAllowed(resolution: Resolution): boolean {
  return resolution.decision === 'allow' && resolution.by === 'device';
}
