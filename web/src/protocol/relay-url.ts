import { fail, ok, type Result } from './result.js';

/**
 * The relay URL grammar of docs/protocol.md §2.2, matched exactly and by hand: the WHATWG URL
 * parser normalises (lowercases, drops default ports, resolves dot segments, percent-encodes),
 * while the spec needs every implementation to accept the same set of strings unchanged, because
 * the link's base is compared with the payload's URL byte for byte.
 *
 *   relay-url = scheme "://" host [ ":" port ] *( "/" segment )
 */

/** The payload stores the length in a u16, but 512 keeps the QR code scannable. */
export const MAX_RELAY_URL_LENGTH = 512;

export type RelayScheme = 'https' | 'http';

export interface RelayUrl {
  /** The URL exactly as written; the grammar admits one spelling, so this is also canonical. */
  readonly href: string;
  readonly scheme: RelayScheme;
  /** A name, or an IPv6 address with its brackets (`[::1]`). */
  readonly host: string;
  readonly port: number | null;
  /** `""` or `/seg/seg`: a path prefix for a relay behind a reverse proxy. */
  readonly path: string;
}

export function parseRelayUrl(text: string): Result<RelayUrl, 'relay-url'> {
  if (text.length < 1 || text.length > MAX_RELAY_URL_LENGTH) return fail('relay-url');

  let scheme: RelayScheme;
  let pos: number;
  if (text.startsWith('https://')) {
    scheme = 'https';
    pos = 8;
  } else if (text.startsWith('http://')) {
    scheme = 'http';
    pos = 7;
  } else {
    return fail('relay-url');
  }

  const hostEnd = scanHost(text, pos);
  if (hostEnd < 0) return fail('relay-url');
  const host = text.slice(pos, hostEnd);
  pos = hostEnd;

  let port: number | null = null;
  if (text[pos] === ':') {
    const portEnd = scanWhile(text, pos + 1, isDigit);
    port = parsePort(text.slice(pos + 1, portEnd));
    if (port === null) return fail('relay-url');
    pos = portEnd;
  }

  const pathStart = pos;
  while (pos < text.length) {
    if (text[pos] !== '/') return fail('relay-url');
    const segmentEnd = scanWhile(text, pos + 1, isSegmentChar);
    // An empty segment also rules out a trailing '/'.
    if (segmentEnd === pos + 1) return fail('relay-url');
    pos = segmentEnd;
  }

  // Plain http only reaches the relay embedded in `tether` on the same machine.
  if (scheme === 'http' && !isLoopbackHost(host)) return fail('relay-url');

  return ok({ href: text, scheme, host, port, path: text.slice(pathStart) });
}

/** Returns the index after the host, or -1 when there is no valid host at `start`. */
function scanHost(text: string, start: number): number {
  if (text[start] === '[') {
    const end = scanWhile(text, start + 1, isIpv6Char);
    // Lowercase hex only, at least one character: one spelling per address (§2.2).
    if (end === start + 1 || text[end] !== ']') return -1;
    return end + 1;
  }
  const end = scanWhile(text, start, isNameChar);
  if (end === start) return -1;
  // name = label *("." label); each label starts and ends with a letter or digit (DNS LDH rule).
  for (const label of text.slice(start, end).split('.')) {
    if (label.length === 0) return -1;
    if (!isAlnum(label.charCodeAt(0)) || !isAlnum(label.charCodeAt(label.length - 1))) return -1;
  }
  return end;
}

/** 1 to 5 digits, no leading zero, 1..65535; null otherwise. */
function parsePort(digits: string): number | null {
  if (digits.length < 1 || digits.length > 5 || digits[0] === '0') return null;
  const value = Number(digits);
  return value >= 1 && value <= 65_535 ? value : null;
}

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  const parts = host.split('.');
  if (parts.length !== 4 || parts[0] !== '127') return false;
  return parts.every(isIpv4Part);
}

/** 0..255 in decimal without a leading zero: some stacks read `010` as octal (§2.2). */
function isIpv4Part(part: string): boolean {
  if (part.length < 1 || part.length > 3) return false;
  for (let i = 0; i < part.length; i++) if (!isDigit(part.charCodeAt(i))) return false;
  if (part.length > 1 && part[0] === '0') return false;
  return Number(part) <= 255;
}

function scanWhile(text: string, start: number, accept: (code: number) => boolean): number {
  let i = start;
  while (i < text.length && accept(text.charCodeAt(i))) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLowerLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || isLowerLetter(c);
}

/** Lowercase only: an uppercase host would be a second spelling of the same relay. */
function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 0x2d /* - */ || c === 0x2e /* . */;
}

function isIpv6Char(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) /* a-f */ || c === 0x3a /* : */ || c === 0x2e /* . */;
}

const SEGMENT_PUNCTUATION = new Set("-._~%!$&'()*+,;=:@");

function isSegmentChar(c: number): boolean {
  return isDigit(c) || isLowerLetter(c) || (c >= 0x41 && c <= 0x5a) || SEGMENT_PUNCTUATION.has(String.fromCharCode(c));
}
