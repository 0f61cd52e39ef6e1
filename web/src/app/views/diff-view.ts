import { el } from '../dom/el.js';
import { classifyDiff, diffStats } from '../approvals/diff-lines.js';
import { revealHidden } from '../approvals/visible-text.js';

/** A unified diff as coloured lines (one span each, text only), folded under a "+a −r" summary. */
export function diffView(diff: string): HTMLDetailsElement {
  const lines = classifyDiff(diff);
  const { added, removed } = diffStats(lines);
  const pre = el('pre', { class: 'diff', attrs: { 'aria-label': 'Changes as a unified diff' } });
  for (const line of lines) pre.appendChild(el('span', { class: `diff-line diff-${line.kind}` }, revealHidden(line.text) || ' '));
  const details = el('details', { class: 'approval-section', attrs: { open: '' } }, el('summary', {}, 'Changes ', el('span', { class: 'diff-added' }, `+${added}`), ' ', el('span', { class: 'diff-removed' }, `−${removed}`)), pre);
  return details;
}
