import type { Block, Inline } from './ast.js';
import { parseInline } from './inline.js';

/**
 * Block Markdown, line by line: fenced code, ATX headings, lists, quotes, rules and paragraphs.
 * The text may be a turn still streaming, so an unclosed fence is a code block to the end.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/u;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/u;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/u;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/u;
const NUMBERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/u;
const QUOTE = /^ {0,3}>\s?(.*)$/u;
const CONTINUATION = /^ {2,}\S/u;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/gu, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence !== null) {
      i = readFence(lines, i, fence[1]!, fence[2] ?? '', blocks);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      const level = heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: 'heading', level, content: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      i = readList(lines, i, blocks);
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      for (let m = QUOTE.exec(lines[i] ?? ''); m !== null; m = QUOTE.exec(lines[++i] ?? '')) quoted.push(m[1]!);
      blocks.push({ kind: 'quote', content: parseInline(quoted.join('\n')) });
      continue;
    }
    i = readParagraph(lines, i, blocks);
  }
  return blocks;
}

function readFence(lines: readonly string[], start: number, marker: string, language: string, blocks: Block[]): number {
  const body: string[] = [];
  let i = start + 1;
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`, 'u');
  while (i < lines.length && !closing.test(lines[i]!)) body.push(lines[i++]!);
  blocks.push({ kind: 'code', language, text: body.join('\n') });
  return i + 1; // past the closing fence (or the end)
}

function readList(lines: readonly string[], start: number, blocks: Block[]): number {
  const ordered = NUMBERED.test(lines[start]!);
  const first = NUMBERED.exec(lines[start]!);
  const items: string[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const item = ordered ? NUMBERED.exec(line) : BULLET.exec(line);
    if (item !== null) {
      items.push(item[ordered ? 2 : 1]!);
    } else if (CONTINUATION.test(line) && items.length > 0) {
      items[items.length - 1] += `\n${line.trim()}`;
    } else {
      break;
    }
    i++;
  }
  blocks.push({ kind: 'list', ordered, start: first === null ? 1 : Number(first[1]), items: items.map((text) => parseInline(text)) });
  return i;
}

/** A paragraph runs to a blank line or to the start of another block. */
function readParagraph(lines: readonly string[], start: number, blocks: Block[]): number {
  const body: string[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const startsBlock = FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line) || QUOTE.test(line);
    if (line.trim() === '' || (body.length > 0 && startsBlock)) break;
    body.push(line);
    i++;
  }
  const content: Inline[] = parseInline(body.join('\n'));
  blocks.push({ kind: 'paragraph', content });
  return i;
}
