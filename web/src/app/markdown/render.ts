import { el } from '../dom/el.js';
import type { Block, Inline } from './ast.js';
import { parseMarkdown } from './blocks.js';

/**
 * Markdown to DOM with createElement and Text nodes only: the source is agent output (untrusted), so
 * a `<script>` in it is four characters of text, and only http(s) links become anchors, opening in a
 * new context with no opener and no referrer.
 */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdown(source)) fragment.appendChild(renderBlock(block));
  return fragment;
}

function renderBlock(block: Block): Node {
  switch (block.kind) {
    case 'paragraph':
      return inlines(el('p'), block.content);
    case 'heading':
      // Agent headings sit inside a message, so they start at h3 to keep the page outline.
      return inlines(el(`h${Math.min(6, block.level + 2)}` as 'h3', { class: 'md-heading' }), block.content);
    case 'code':
      return el('pre', { class: 'md-code', attrs: block.language === '' ? {} : { 'data-language': block.language } }, el('code', {}, block.text));
    case 'list': {
      const list = block.ordered ? el('ol', block.start === 1 ? {} : { attrs: { start: String(block.start) } }) : el('ul');
      for (const item of block.items) list.appendChild(inlines(el('li'), item));
      return list;
    }
    case 'quote':
      return inlines(el('blockquote'), block.content);
    case 'rule':
      return el('hr');
  }
}

function inlines<T extends Element>(parent: T, content: readonly Inline[]): T {
  for (const node of content) parent.appendChild(renderInline(node));
  return parent;
}

function renderInline(node: Inline): Node {
  switch (node.kind) {
    case 'text':
      return document.createTextNode(node.text);
    case 'code':
      return el('code', { class: 'md-inline-code' }, node.text);
    case 'strong':
      return inlines(el('strong'), node.children);
    case 'em':
      return inlines(el('em'), node.children);
    case 'link':
      return inlines(el('a', { attrs: { href: node.href, rel: 'noopener noreferrer', target: '_blank', referrerpolicy: 'no-referrer' } }), node.children);
  }
}
