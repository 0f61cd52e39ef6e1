import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Inline } from '../../src/app/markdown/ast.js';
import { parseMarkdown } from '../../src/app/markdown/blocks.js';
import { parseInline } from '../../src/app/markdown/inline.js';
import { safeHref } from '../../src/app/markdown/safe-url.js';

describe('safe links', () => {
  for (const url of ['https://example.com/a?b=c#d', 'http://localhost:8080/']) {
    test(`${url} becomes a link`, () => assert.equal(safeHref(url), new URL(url).href));
  }
  for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>', 'vbscript:x', 'file:///etc/passwd', '/relative', '//evil.example/x', 'https://user:pw@bank.example', 'https://a.example/"onmouseover', '']) {
    test(`${JSON.stringify(url)} stays text`, () => assert.equal(safeHref(url), null));
  }
});

describe('inline Markdown', () => {
  const cases: [string, unknown][] = [
    ['plain', [{ kind: 'text', text: 'plain' }]],
    ['a **b** c', [{ kind: 'text', text: 'a ' }, { kind: 'strong', children: [{ kind: 'text', text: 'b' }] }, { kind: 'text', text: ' c' }]],
    ['*em* and _em_', [{ kind: 'em', children: [{ kind: 'text', text: 'em' }] }, { kind: 'text', text: ' and ' }, { kind: 'em', children: [{ kind: 'text', text: 'em' }] }]],
    ['snake_case_name', [{ kind: 'text', text: 'snake_case_name' }]],
    ['`a *b*`', [{ kind: 'code', text: 'a *b*' }]],
    ['``a ` b``', [{ kind: 'code', text: 'a ` b' }]],
    ['`unclosed', [{ kind: 'text', text: '`unclosed' }]],
    ['**unclosed', [{ kind: 'text', text: '**unclosed' }]],
    ['2 * 3 * 4', [{ kind: 'text', text: '2 * 3 * 4' }]],
    ['\\*not em\\*', [{ kind: 'text', text: '*not em*' }]],
    ['[docs](https://example.com)', [{ kind: 'link', href: 'https://example.com/', children: [{ kind: 'text', text: 'docs' }] }]],
    ['[x](javascript:alert(1))', [{ kind: 'text', text: '[x](javascript:alert(1)' }, { kind: 'text', text: ')' }]],
    ['<https://example.com/a>', [{ kind: 'link', href: 'https://example.com/a', children: [{ kind: 'text', text: 'https://example.com/a' }] }]],
    ['<javascript:alert(1)>', [{ kind: 'text', text: '<javascript:alert(1)>' }]],
    ['see https://example.com/x.', [{ kind: 'text', text: 'see ' }, { kind: 'link', href: 'https://example.com/x', children: [{ kind: 'text', text: 'https://example.com/x' }] }, { kind: 'text', text: '.' }]],
    ['<img src=x onerror=alert(1)>', [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]],
  ];
  for (const [source, expected] of cases) {
    test(`${JSON.stringify(source)} parses as expected`, () => assert.deepEqual(mergeText(parseInline(source)), mergeText(expected as Nodes)));
  }

  test('a javascript: link is kept whole as visible text', () => {
    assert.equal(textOf(parseInline('[x](javascript:alert(1))')), '[x](javascript:alert(1))');
  });

  test('deeply nested emphasis does not recurse without bound', () => {
    const source = '*'.repeat(5000) + 'x' + '*'.repeat(5000);
    assert.ok(textOf(parseInline(source)).includes('x'));
  });
});

describe('block Markdown', () => {
  test('headings, paragraphs, lists, quotes, rules and fences are recognised', () => {
    const blocks = parseMarkdown('# Title\n\nPara one\nline two\n\n- a\n- b\n  more\n\n3. c\n4. d\n\n> quoted\n\n---\n\n```ts\nconst x = 1;\n```\n');
    assert.deepEqual(
      blocks.map((b) => b.kind),
      ['heading', 'paragraph', 'list', 'list', 'quote', 'rule', 'code'],
    );
    assert.deepEqual(blocks[2], { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b\nmore' }]] });
    assert.equal((blocks[3] as { start: number }).start, 3);
    assert.deepEqual(blocks[6], { kind: 'code', language: 'ts', text: 'const x = 1;' });
  });

  test('an unclosed fence (a turn still streaming) is code to the end', () => {
    assert.deepEqual(parseMarkdown('before\n```\nline 1\nline 2'), [
      { kind: 'paragraph', content: [{ kind: 'text', text: 'before' }] },
      { kind: 'code', language: '', text: 'line 1\nline 2' },
    ]);
  });

  test('markup inside a code fence is not parsed', () => {
    assert.deepEqual(parseMarkdown('~~~\n**x** [a](https://b.c)\n~~~'), [{ kind: 'code', language: '', text: '**x** [a](https://b.c)' }]);
  });

  test('a longer closing fence closes, a shorter one does not', () => {
    assert.deepEqual(parseMarkdown('````\n```\n`````'), [{ kind: 'code', language: '', text: '```' }]);
  });
});

type Nodes = readonly Inline[];

function mergeText(nodes: Nodes): Nodes {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + node.text };
    else out.push(node);
  }
  return out;
}

function textOf(nodes: Nodes): string {
  return nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : textOf(n.children))).join('');
}
