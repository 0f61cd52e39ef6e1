import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { formatRemaining, isUrgent } from '../../src/app/approvals/countdown.js';
import { classifyDiff, diffStats } from '../../src/app/approvals/diff-lines.js';
import { inputSha256 } from '../../src/app/approvals/input-hash.js';
import { isInside, resolvePath } from '../../src/app/approvals/paths.js';
import { resolutionText } from '../../src/app/approvals/resolution.js';
import { describeRule, ruleFor } from '../../src/app/approvals/session-rule.js';
import { inputFields } from '../../src/app/approvals/tool-input.js';
import { hasHiddenCharacters, revealHidden } from '../../src/app/approvals/visible-text.js';

describe('session rules derived from a request', () => {
  const cases: [string, object | string, string | null][] = [
    ['Bash', { command: 'npm test', description: 'run' }, 'Bash: npm test'],
    ['Write', { file_path: '/p/a.ts', content: 'x' }, 'Write: /p/a.ts'],
    ['Edit', { file_path: '/p/a.ts', old_string: 'a', new_string: 'b' }, 'Edit: /p/a.ts'],
    ['Bash', { command: '' }, null],
    ['Bash', { command: '*' }, null],
    ['Write', { file_path: '/*' }, null],
    ['Bash', { file_path: '/p/a.ts' }, null],
    ['WebFetch', { url: 'https://a.b' }, null],
    ['NotebookEdit', { notebook_path: '/p/n.ipynb' }, null],
    ['Bash', 'not json', null],
    ['Bash', '["npm test"]', null],
  ];
  for (const [tool, input, expected] of cases) {
    test(`${tool} ${JSON.stringify(input)} gives ${expected ?? 'no rule'}`, () => {
      const rule = ruleFor(tool, typeof input === 'string' ? input : JSON.stringify(input));
      assert.equal(rule === null ? null : describeRule(rule), expected);
      if (rule !== null) assert.equal(rule.expires, 0);
    });
  }
});

describe('the countdown', () => {
  const cases: [number, string | null][] = [
    [125_400, '2:05 left'],
    [59_999, '59 s left'],
    [999, '0 s left'],
    [0, null],
    [-5, null],
    [3_725_000, '1 h 2 min left'],
  ];
  for (const [ms, expected] of cases) test(`${ms} ms before the deadline reads ${expected ?? 'expired'}`, () => assert.equal(formatRemaining(1_000_000 + ms, 1_000_000), expected));
  test('the last fifteen seconds are urgent', () => {
    assert.equal(isUrgent(20_000, 0), false);
    assert.equal(isUrgent(14_000, 0), true);
  });
});

describe('unified diffs', () => {
  test('each line is classified for colouring and counted', () => {
    const lines = classifyDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n\\ No newline at end of file\n');
    assert.deepEqual(lines.map((l) => l.kind), ['file', 'file', 'hunk', 'del', 'add', 'context', 'meta']);
    assert.deepEqual(diffStats(lines), { added: 1, removed: 1 });
  });
});

describe('the input hash', () => {
  test('is the lowercase hex SHA-256 of the UTF-8 of the exact input text', async () => {
    const input = '{"command":"echo \\"héllo\\" 🎉"}';
    assert.equal(await inputSha256(input), createHash('sha256').update(input, 'utf8').digest('hex'));
  });
});

describe('paths inside the project', () => {
  const cases: [string, boolean][] = [
    ['/home/me/p/src/a.ts', true],
    ['/home/me/p', true],
    ['src/a.ts', true],
    ['/home/me/p/../q/a.ts', false],
    ['../q/a.ts', false],
    ['/home/me/pwned/a.ts', false],
    ['~/.bashrc', false],
    ['/etc/hosts', false],
  ];
  for (const [path, inside] of cases) test(`${path} is ${inside ? 'inside' : 'outside'} /home/me/p`, () => assert.equal(isInside(path, '/home/me/p/'), inside));
  test('dot segments are folded', () => assert.equal(resolvePath('./a/../b/./c', '/x'), '/x/b/c'));
});

describe('hidden characters', () => {
  test('bidi overrides and zero-width characters are revealed; newline and tab are not', () => {
    assert.equal(revealHidden('a\u202eb\u200bc\n\td'), 'a⟨U+202E⟩b⟨U+200B⟩c\n\td');
    assert.equal(hasHiddenCharacters('plain\ntext\t'), false);
    assert.equal(hasHiddenCharacters('x\u2066y'), true);
    assert.equal(hasHiddenCharacters('esc\u001b[2J'), true);
  });
});

describe('the full input for reading', () => {
  test('strings are shown verbatim and other values as indented JSON', () => {
    assert.deepEqual(inputFields('{"content":"line 1\\nline 2","replace_all":true,"n":{"a":1}}'), [
      { name: 'content', text: 'line 1\nline 2' },
      { name: 'replace_all', text: 'true' },
      { name: 'n', text: '{\n  "a": 1\n}' },
    ]);
    assert.equal(inputFields('not json'), null);
  });
});

describe('what a decided card says', () => {
  const cases: [Parameters<typeof resolutionText>[0], boolean, string][] = [
    [{ decision: 'allow', by: 'device' }, true, 'Approved on this device.'],
    [{ decision: 'allow', by: 'device' }, false, 'Approved on another device.'],
    [{ decision: 'deny', by: 'device' }, false, 'Denied on another device.'],
    [{ decision: 'maybe', by: 'device' }, false, 'Denied on another device.'],
    [{ decision: 'deny', by: 'timeout' }, false, 'Expired: no answer before the deadline, so the host denied it.'],
    [{ decision: 'deny', by: 'no-device' }, false, 'Denied: no device was connected when it was asked.'],
    [{ decision: 'deny', by: 'stopping' }, false, 'Denied: the host was stopping.'],
  ];
  for (const [resolution, here, text] of cases) test(`${resolution.decision} by ${resolution.by}${here ? ' here' : ''} reads "${text}"`, () => assert.equal(resolutionText(resolution, here), text));
});
