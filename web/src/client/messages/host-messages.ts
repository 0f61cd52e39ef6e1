import type { AgentState, HostMessage, SessionRule } from '../api.js';
import { parseStrictObject } from '../strict-json.js';
import { anyInvalid, Fields, INVALID, withoutUndefined, type Invalid } from './fields.js';

/**
 * Host → device messages of docs/protocol.md §10, decoded strictly per the C# shapes in
 * src/Tether.Protocol/Session/SessionMessages.cs. Anything else (not UTF-8, not a JSON object, a
 * repeated member, an unknown type, a missing or mistyped member, a value outside api.ts's unions)
 * is refused with a reason the caller logs; it is never guessed at. Unknown members are ignored,
 * so later versions may add members. Every string stays data: nothing here interprets it.
 */
export type HostMessageResult = { readonly ok: true; readonly message: HostMessage } | { readonly ok: false; readonly why: string };

const AGENT_STATES: readonly AgentState[] = ['idle', 'running', 'waiting_approval'];
const OUTCOMES = ['done', 'interrupted', 'error'] as const;
const RESOLVED_BY = ['device', 'timeout', 'no-device', 'stopping'] as const;
const LEVELS = ['info', 'warning', 'error'] as const;

type Decoder = (f: Fields) => HostMessage | Invalid;

const DECODERS: Readonly<Record<string, Decoder>> = {
  'session.info': (f) => shape({ type: 'session.info', project: f.string('project'), host: f.string('host'), agent: f.string('agent'), device: f.string('device') }),
  'agent.state': (f) => shape({ type: 'agent.state', state: f.oneOf('state', AGENT_STATES) }),
  'agent.text': (f) => shape({ type: 'agent.text', turn: f.integer('turn'), text: f.string('text') }),
  'turn.result': (f) =>
    shape({
      type: 'turn.result',
      turn: f.integer('turn'),
      outcome: f.oneOf('outcome', OUTCOMES),
      duration_ms: f.integerOr('duration_ms', 0),
      cost_usd: f.optionalNumber('cost_usd'),
      error: f.optionalString('error'),
    }),
  'approval.request': (f) =>
    shape({
      type: 'approval.request',
      id: f.string('id'),
      tool: f.string('tool'),
      input: f.string('input'),
      input_sha256: f.string('input_sha256'),
      summary: f.string('summary'),
      cwd: f.string('cwd'),
      deadline: f.integer('deadline'),
      diff: f.optionalString('diff'),
    }),
  'approval.resolved': (f) =>
    shape({ type: 'approval.resolved', id: f.string('id'), decision: f.string('decision'), by: f.oneOf('by', RESOLVED_BY), reason: f.optionalString('reason') }),
  'tool.call': (f) =>
    shape({ type: 'tool.call', turn: f.integer('turn'), id: f.string('id'), tool: f.string('tool'), input: f.string('input'), summary: f.string('summary') }),
  'tool.result': (f) =>
    shape({
      type: 'tool.result',
      id: f.string('id'),
      text: f.string('text'),
      size: f.integer('size'),
      truncated: f.booleanOr('truncated', false),
      is_error: f.booleanOr('is_error', false),
    }),
  'agent.exit': (f) => shape({ type: 'agent.exit', code: f.optionalInteger('code'), reason: f.string('reason') }),
  'session.rules': (f) => {
    const rules = f.array('rules');
    if (rules === INVALID) return INVALID;
    const decoded = rules.map(decodeRule);
    return decoded.some((r) => r === INVALID) ? INVALID : { type: 'session.rules', rules: decoded as SessionRule[] };
  },
  notice: (f) => shape({ type: 'notice', level: f.oneOf('level', LEVELS), text: f.string('text') }),
};

export function decodeHostMessage(bytes: Uint8Array): HostMessageResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, why: 'not UTF-8' };
  }
  const object = parseStrictObject(text);
  if (object === null) return { ok: false, why: 'not one JSON object with distinct members' };
  const type = object['type'];
  if (typeof type !== 'string') return { ok: false, why: 'no type' };
  const decoder = Object.hasOwn(DECODERS, type) ? DECODERS[type] : undefined;
  // The type is the host's text: say only that it is unknown, and how long it is.
  if (decoder === undefined) return { ok: false, why: `an unknown type (${type.length} characters)` };
  const message = decoder(new Fields(object));
  return message === INVALID ? { ok: false, why: `a ${type} of the wrong shape` } : { ok: true, message };
}

function decodeRule(value: unknown): SessionRule | Invalid {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return INVALID;
  const f = new Fields(value as Record<string, unknown>);
  return shape<SessionRule>({ tool: f.string('tool'), content: f.string('content'), expires: f.integerOr('expires', 0) });
}

/**
 * The message when no member is INVALID, with absent optional members left out. The decoders above
 * list each shape's members beside api.ts's types; the tests check every type both ways.
 */
function shape<T = HostMessage>(fields: Record<string, unknown>): T | Invalid {
  return anyInvalid(Object.values(fields)) ? INVALID : (withoutUndefined(fields) as T);
}
