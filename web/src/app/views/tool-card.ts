import type { HostMessage } from '../../client/api.js';
import { revealHidden } from '../approvals/visible-text.js';
import { el, replaceChildren } from '../dom/el.js';
import { formatSize } from '../session-text.js';

type ToolCall = Extract<HostMessage, { type: 'tool.call' }>;
type ToolResult = Extract<HostMessage, { type: 'tool.result' }>;

/** A tool call as one compact line (tool + summary); its result folds open underneath. */
export class ToolCard {
  readonly element: HTMLDetailsElement;
  private readonly mark = el('span', { class: 'tool-mark', attrs: { 'aria-label': 'running' } }, '…');
  private readonly body = el('div', { class: 'tool-body' });

  constructor(call: Pick<ToolCall, 'tool' | 'summary'>) {
    this.element = el(
      'details',
      { class: 'tool', attrs: { 'data-state': 'running' } },
      el('summary', {}, this.mark, el('span', { class: 'tool-name' }, call.tool), el('span', { class: 'tool-summary' }, revealHidden(call.summary))),
      this.body,
    );
  }

  result(result: ToolResult): void {
    this.element.dataset['state'] = result.is_error ? 'error' : 'done';
    this.mark.textContent = result.is_error ? '✗' : '✓';
    this.mark.setAttribute('aria-label', result.is_error ? 'failed' : 'done');
    replaceChildren(
      this.body,
      el('pre', { class: 'tool-output' }, revealHidden(result.text)),
      el('p', { class: 'tool-size' }, `${formatSize(result.size)}${result.truncated ? ', cut to fit the screen' : ''}${result.is_error ? ' · error' : ''}`),
    );
  }
}
