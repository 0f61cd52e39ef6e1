import type { PairingFailure } from '../client/api.js';

/** What the pairing screen says, kept apart from the DOM so every failure has a tested sentence. */

/** `12345678` as `1234 5678`: two groups are easier to read out and type. */
export function groupDigits(digits: string): string {
  return digits.length === 8 ? `${digits.slice(0, 4)} ${digits.slice(4)}` : digits;
}

/** A heading for each failure; the client's own sentence follows it. */
export function failureTitle(code: PairingFailure['code']): string {
  switch (code) {
    case 'link-invalid':
      return 'This pairing link is not valid.';
    case 'link-expired':
      return 'This pairing link has expired.';
    case 'refused':
      return 'The relay refused this pairing link.';
    case 'wrong-code':
      return 'The code was typed wrong too many times.';
    case 'expired':
      return 'The pairing took too long and expired.';
    case 'cancelled':
      return 'Pairing was cancelled.';
    case 'rejected':
      return 'The host rejected this device.';
    case 'protocol':
      return 'The host answered something unexpected.';
    case 'connection-lost':
      return 'The connection was lost during pairing.';
    case 'timeout':
      return 'The host did not answer in time.';
    case 'storage':
      return 'This browser could not save the pairing.';
    case 'unsupported':
      return 'This browser cannot pair.';
  }
}

/** Whether a new link is needed to try again (the link is one-time and burns after three wrong codes). */
export function needsNewLink(code: PairingFailure['code']): boolean {
  return code !== 'storage' && code !== 'unsupported';
}

export function attemptsLeftText(attemptsLeft: number): string {
  return attemptsLeft === 1 ? '1 attempt left.' : `${attemptsLeft} attempts left.`;
}
