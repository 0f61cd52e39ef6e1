import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import type { HostMessage } from '../../src/client/api.js';
import { answerFor } from '../../src/client/index.js';
import { encodeDeviceMessage } from '../../src/client/messages/device-messages.js';
import { decodeHostMessage } from '../../src/client/messages/host-messages.js';
import { hasDuplicateMember } from '../../src/client/strict-json.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (json: string) => decodeHostMessage(utf8(json));
const decoded = (json: string): HostMessage => {
  const r = decode(json);
  assert.ok(r.ok, `refused ${json}: ${r.ok ? '' : r.why}`);
  return r.message;
};

describe('host messages (docs/protocol.md §10, SessionMessages.cs)', () => {
  it('decodes every type as the C# host writes it', () => {
    const cases: [string, HostMessage][] = [
      ['{"type":"session.info","project":"p","host":"h","agent":"echo","device":"d"}', { type: 'session.info', project: 'p', host: 'h', agent: 'echo', device: 'd' }],
      ['{"type":"agent.state","state":"waiting_approval"}', { type: 'agent.state', state: 'waiting_approval' }],
      ['{"type":"agent.text","turn":3,"text":"<b>hi</b>"}', { type: 'agent.text', turn: 3, text: '<b>hi</b>' }],
      ['{"type":"turn.result","turn":1,"outcome":"done","duration_ms":12,"cost_usd":0.0123}', { type: 'turn.result', turn: 1, outcome: 'done', duration_ms: 12, cost_usd: 0.0123 }],
      ['{"type":"turn.result","turn":1,"outcome":"error","duration_ms":0,"error":"boom"}', { type: 'turn.result', turn: 1, outcome: 'error', duration_ms: 0, error: 'boom' }],
      [
        '{"type":"approval.request","id":"ab","tool":"Bash","input":"{\\"command\\":\\"ls\\"}","input_sha256":"00","summary":"ls","cwd":"/p","deadline":1795000000000}',
        { type: 'approval.request', id: 'ab', tool: 'Bash', input: '{"command":"ls"}', input_sha256: '00', summary: 'ls', cwd: '/p', deadline: 1795000000000 },
      ],
      ['{"type":"approval.resolved","id":"ab","decision":"deny","by":"timeout","reason":"late"}', { type: 'approval.resolved', id: 'ab', decision: 'deny', by: 'timeout', reason: 'late' }],
      ['{"type":"tool.call","turn":2,"id":"t1","tool":"Read","input":"{}","summary":"read"}', { type: 'tool.call', turn: 2, id: 't1', tool: 'Read', input: '{}', summary: 'read' }],
      ['{"type":"tool.result","id":"t1","text":"ok","size":2,"truncated":false,"is_error":true}', { type: 'tool.result', id: 't1', text: 'ok', size: 2, truncated: false, is_error: true }],
      ['{"type":"agent.exit","code":1,"reason":"crashed"}', { type: 'agent.exit', code: 1, reason: 'crashed' }],
      ['{"type":"agent.exit","reason":"stopped"}', { type: 'agent.exit', reason: 'stopped' }],
      ['{"type":"session.rules","rules":[{"tool":"Bash","content":"npm test","expires":1795000000000}]}', { type: 'session.rules', rules: [{ tool: 'Bash', content: 'npm test', expires: 1795000000000 }] }],
      ['{"type":"notice","level":"warning","text":"careful"}', { type: 'notice', level: 'warning', text: 'careful' }],
    ];
    for (const [json, expected] of cases) assert.deepEqual(decoded(json), expected, json);
  });

  it('fills the defaults of non-required C# members and leaves null optionals out', () => {
    assert.deepEqual(decoded('{"type":"turn.result","turn":1,"outcome":"done"}'), { type: 'turn.result', turn: 1, outcome: 'done', duration_ms: 0 });
    assert.deepEqual(decoded('{"type":"tool.result","id":"x","text":"","size":0}'), { type: 'tool.result', id: 'x', text: '', size: 0, truncated: false, is_error: false });
    assert.deepEqual(decoded('{"type":"approval.resolved","id":"a","decision":"allow","by":"device","reason":null}'), { type: 'approval.resolved', id: 'a', decision: 'allow', by: 'device' });
  });

  it('ignores unknown members, so later versions may add some', () => {
    assert.deepEqual(decoded('{"type":"agent.state","state":"idle","since":5}'), { type: 'agent.state', state: 'idle' });
  });

  it('refuses unknown types, missing or mistyped members and values outside the unions', () => {
    for (const json of [
      '{"type":"agent.dance"}',
      '{"state":"idle"}',
      '{"type":"agent.text","turn":1}',
      '{"type":"agent.text","turn":"1","text":"x"}',
      '{"type":"agent.text","turn":1.5,"text":"x"}',
      '{"type":"agent.text","turn":1,"text":null}',
      '{"type":"agent.state","state":"sleeping"}',
      '{"type":"approval.resolved","id":"a","decision":"allow","by":"rule"}',
      '{"type":"tool.result","id":"x","text":"","size":0,"truncated":"no"}',
      '{"type":"session.rules","rules":[{"tool":"Bash"}]}',
      '{"type":"notice","level":"debug","text":"x"}',
      '["type","notice"]',
      'null',
      '{"type":"notice","level":"info","text":"x"',
    ]) {
      assert.equal(decode(json).ok, false, json);
    }
  });

  it('refuses a repeated member, which two readers could take differently', () => {
    assert.equal(decode('{"type":"notice","level":"info","text":"a","text":"b"}').ok, false);
    assert.equal(decode('{"type":"session.rules","rules":[{"tool":"a","tool":"b","content":"c"}]}').ok, false);
  });

  it('refuses bytes that are not UTF-8', () => {
    assert.equal(decodeHostMessage(Uint8Array.of(0x7b, 0xff, 0x7d)).ok, false);
  });

  it('keeps agent text as plain data, markup and all', () => {
    const m = decoded('{"type":"agent.text","turn":1,"text":"<img src=x onerror=alert(1)>"}');
    assert.equal(m.type === 'agent.text' && m.text, '<img src=x onerror=alert(1)>');
  });
});

describe('strict JSON', () => {
  it('finds repeated members at any depth and only there', () => {
    assert.equal(hasDuplicateMember('{"a":1,"b":{"a":2}}'), false);
    assert.equal(hasDuplicateMember('{"a":1,"b":2,"a":3}'), true);
    assert.equal(hasDuplicateMember('{"a":[{"x":1},{"x":2}]}'), false);
    assert.equal(hasDuplicateMember('{"a":[{"x":1,"x":2}]}'), true);
    assert.equal(hasDuplicateMember('{"a":"\\"a\\":","b":["a","a"]}'), false, 'strings and array items are not names');
    assert.equal(hasDuplicateMember('{"\\u0061":1,"a":2}'), true, 'names compare after unescaping');
  });
});

describe('device messages and answers', () => {
  it('encodes prompts, interrupts and answers with the members §10 lists', () => {
    const text = (m: Parameters<typeof encodeDeviceMessage>[0]): string => new TextDecoder().decode(encodeDeviceMessage(m));
    assert.equal(text({ type: 'prompt', text: 'hi' }), '{"type":"prompt","text":"hi"}');
    assert.equal(text({ type: 'interrupt' }), '{"type":"interrupt"}');
    const hash = 'a'.repeat(64);
    assert.equal(
      text({ type: 'approval.answer', id: 'r1', input_sha256: hash, decision: 'allow', rule: { tool: 'Bash', content: 'npm test', expires: 0 } }),
      `{"type":"approval.answer","id":"r1","input_sha256":"${hash}","decision":"allow","rule":{"tool":"Bash","content":"npm test","expires":0}}`,
    );
  });

  it('refuses what the host would refuse, before anything is queued', () => {
    assert.throws(() => encodeDeviceMessage({ type: 'prompt', text: 'x'.repeat(100_001) }), TypeError);
    assert.throws(() => encodeDeviceMessage({ type: 'approval.answer', id: 'r', input_sha256: 'ABC', decision: 'allow' }), TypeError);
    assert.throws(() => encodeDeviceMessage({ type: 'approval.answer', id: 'r', input_sha256: 'a'.repeat(64), decision: 'deny', rule: { tool: 'Bash', content: 'x', expires: 0 } }), TypeError);
    assert.throws(() => encodeDeviceMessage({ type: 'shell' } as never), TypeError);
  });

  it('answerFor hashes the UTF-8 of the input the app showed, not the hash the request states', async () => {
    const input = '{"command":"rm -rf ñ ✓"}';
    const request = { type: 'approval.request', id: 'q7', tool: 'Bash', input, input_sha256: '0'.repeat(64), summary: 's', cwd: '/', deadline: 0 } as const;
    const answer = await answerFor(request, 'allow', { reason: 'looks fine', rule: { tool: 'Bash', content: 'rm *' } });
    assert.deepEqual(answer, {
      type: 'approval.answer',
      id: 'q7',
      input_sha256: createHash('sha256').update(input, 'utf8').digest('hex'),
      decision: 'allow',
      reason: 'looks fine',
      rule: { tool: 'Bash', content: 'rm *', expires: 0 },
    });
    assert.equal('rule' in (await answerFor(request, 'deny', { rule: { tool: 'Bash', content: 'x' } })), false, 'a rule goes only with allow');
  });
});
