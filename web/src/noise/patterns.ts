import { UnsupportedProtocolError } from './errors.js';

/** Message tokens of Noise revision 34, section 7.1 (`psk` from section 9). */
export type Token = 'e' | 's' | 'ee' | 'es' | 'se' | 'ss' | 'psk';

/**
 * A pre-message token. Section 7.1 also allows `e`, but only the fallback modifier uses it,
 * and fallback is not supported here.
 */
export type PreToken = 's';

export interface MessagePattern {
  /** True for `->` (initiator to responder). */
  readonly fromInitiator: boolean;
  readonly tokens: readonly Token[];
}

export interface HandshakePattern {
  /** Full pattern name including modifiers, e.g. `IKpsk2`. */
  readonly name: string;
  /** True for N, K, X (section 7.4): only the initiator sends, and only one message. */
  readonly oneWay: boolean;
  readonly initiatorPre: readonly PreToken[];
  readonly responderPre: readonly PreToken[];
  readonly messages: readonly MessagePattern[];
}

interface BasePattern {
  readonly pre: { readonly i?: readonly PreToken[]; readonly r?: readonly PreToken[] };
  /** Message token lists in order; directions alternate starting with the initiator. */
  readonly msgs: readonly (readonly Token[])[];
}

// Sections 7.4 (one-way), 7.5 (fundamental interactive) and 7.6 (deferred) of revision 34.
// Every Noise pattern alternates direction starting with `->`, so directions are implied by index.
const BASE_PATTERNS: Readonly<Record<string, BasePattern>> = {
  N: { pre: { r: ['s'] }, msgs: [['e', 'es']] },
  K: { pre: { i: ['s'], r: ['s'] }, msgs: [['e', 'es', 'ss']] },
  X: { pre: { r: ['s'] }, msgs: [['e', 'es', 's', 'ss']] },

  NN: { pre: {}, msgs: [['e'], ['e', 'ee']] },
  NK: { pre: { r: ['s'] }, msgs: [['e', 'es'], ['e', 'ee']] },
  NX: { pre: {}, msgs: [['e'], ['e', 'ee', 's', 'es']] },
  KN: { pre: { i: ['s'] }, msgs: [['e'], ['e', 'ee', 'se']] },
  KK: { pre: { i: ['s'], r: ['s'] }, msgs: [['e', 'es', 'ss'], ['e', 'ee', 'se']] },
  KX: { pre: { i: ['s'] }, msgs: [['e'], ['e', 'ee', 'se', 's', 'es']] },
  XN: { pre: {}, msgs: [['e'], ['e', 'ee'], ['s', 'se']] },
  XK: { pre: { r: ['s'] }, msgs: [['e', 'es'], ['e', 'ee'], ['s', 'se']] },
  XX: { pre: {}, msgs: [['e'], ['e', 'ee', 's', 'es'], ['s', 'se']] },
  IN: { pre: {}, msgs: [['e', 's'], ['e', 'ee', 'se']] },
  IK: { pre: { r: ['s'] }, msgs: [['e', 'es', 's', 'ss'], ['e', 'ee', 'se']] },
  IX: { pre: {}, msgs: [['e', 's'], ['e', 'ee', 'se', 's', 'es']] },

  NK1: { pre: { r: ['s'] }, msgs: [['e'], ['e', 'ee', 'es']] },
  NX1: { pre: {}, msgs: [['e'], ['e', 'ee', 's'], ['es']] },
  X1N: { pre: {}, msgs: [['e'], ['e', 'ee'], ['s'], ['se']] },
  X1K: { pre: { r: ['s'] }, msgs: [['e', 'es'], ['e', 'ee'], ['s'], ['se']] },
  XK1: { pre: { r: ['s'] }, msgs: [['e'], ['e', 'ee', 'es'], ['s', 'se']] },
  X1K1: { pre: { r: ['s'] }, msgs: [['e'], ['e', 'ee', 'es'], ['s'], ['se']] },
  X1X: { pre: {}, msgs: [['e'], ['e', 'ee', 's', 'es'], ['s'], ['se']] },
  XX1: { pre: {}, msgs: [['e'], ['e', 'ee', 's'], ['es', 's', 'se']] },
  X1X1: { pre: {}, msgs: [['e'], ['e', 'ee', 's'], ['es', 's'], ['se']] },
  K1N: { pre: { i: ['s'] }, msgs: [['e'], ['e', 'ee'], ['se']] },
  K1K: { pre: { i: ['s'], r: ['s'] }, msgs: [['e', 'es'], ['e', 'ee'], ['se']] },
  KK1: { pre: { i: ['s'], r: ['s'] }, msgs: [['e'], ['e', 'ee', 'se', 'es']] },
  K1K1: { pre: { i: ['s'], r: ['s'] }, msgs: [['e'], ['e', 'ee', 'es'], ['se']] },
  K1X: { pre: { i: ['s'] }, msgs: [['e'], ['e', 'ee', 's', 'es'], ['se']] },
  KX1: { pre: { i: ['s'] }, msgs: [['e'], ['e', 'ee', 'se', 's'], ['es']] },
  K1X1: { pre: { i: ['s'] }, msgs: [['e'], ['e', 'ee', 's'], ['se', 'es']] },
  I1N: { pre: {}, msgs: [['e', 's'], ['e', 'ee'], ['se']] },
  I1K: { pre: { r: ['s'] }, msgs: [['e', 'es', 's'], ['e', 'ee'], ['se']] },
  IK1: { pre: { r: ['s'] }, msgs: [['e', 's'], ['e', 'ee', 'se', 'es']] },
  I1K1: { pre: { r: ['s'] }, msgs: [['e', 's'], ['e', 'ee', 'es'], ['se']] },
  I1X: { pre: {}, msgs: [['e', 's'], ['e', 'ee', 's', 'es'], ['se']] },
  IX1: { pre: {}, msgs: [['e', 's'], ['e', 'ee', 'se', 's'], ['es']] },
  I1X1: { pre: {}, msgs: [['e', 's'], ['e', 'ee', 's'], ['se', 'es']] },
};

const ONE_WAY = new Set(['N', 'K', 'X']);

/** Names of all base patterns this table knows (without modifiers). */
export const BASE_PATTERN_NAMES: readonly string[] = Object.keys(BASE_PATTERNS);

/**
 * Resolves a pattern name such as `XX`, `IKpsk2` or `NNpsk0+psk2` (section 8 modifiers are
 * joined with `+`). Only `pskN` modifiers are supported; `fallback` is not.
 */
export function resolvePattern(name: string): HandshakePattern {
  const match = /^([A-Z][A-Z0-9]*?)((?:psk\d+)(?:\+psk\d+)*)?$/.exec(name);
  const baseName = match?.[1];
  const base = baseName === undefined ? undefined : BASE_PATTERNS[baseName];
  if (match === null || baseName === undefined || base === undefined) {
    throw new UnsupportedProtocolError(`unknown handshake pattern ${JSON.stringify(name)}`);
  }
  const messages = base.msgs.map((tokens) => [...tokens]);
  const modifiers = match[2] === undefined ? [] : match[2].split('+');
  const seen = new Set<number>();
  for (const modifier of modifiers) {
    const position = Number(modifier.slice(3));
    if (seen.has(position) || position > messages.length || modifier !== `psk${position}`) {
      throw new UnsupportedProtocolError(`invalid modifier ${JSON.stringify(modifier)} in ${JSON.stringify(name)}`);
    }
    seen.add(position);
    // Section 9.2: psk0 puts a psk token at the start of the first message, pskN at the end of message N.
    if (position === 0) messages[0]!.unshift('psk');
    else messages[position - 1]!.push('psk');
  }
  return {
    name,
    oneWay: ONE_WAY.has(baseName),
    initiatorPre: base.pre.i ?? [],
    responderPre: base.pre.r ?? [],
    messages: messages.map((tokens, index) => ({ fromInitiator: index % 2 === 0, tokens })),
  };
}
