import { el } from '../dom/el.js';
import { inputFields } from '../approvals/tool-input.js';
import { revealHidden } from '../approvals/visible-text.js';

/**
 * The full tool input, for reading: one labelled block per member, strings verbatim. It is a view of
 * the same `input` text the answer's hash covers; nothing here is sent back.
 */
export function inputView(input: string, open: boolean): HTMLDetailsElement {
  const fields = inputFields(input);
  const body =
    fields === null
      ? el('pre', { class: 'input-raw' }, revealHidden(input))
      : el('dl', { class: 'input-fields' }, ...fields.flatMap(({ name, text }) => [el('dt', {}, name), el('dd', {}, el('pre', {}, revealHidden(text)))]));
  return el('details', { class: 'approval-section', attrs: open ? { open: '' } : {} }, el('summary', {}, 'Full input'), body);
}
