import type { DeviceMessage, HostMessage } from '../../client/api.js';
import { el } from '../dom/el.js';
import { renderMarkdown } from '../markdown/render.js';
import { turnFootnote } from '../session-text.js';
import { ApprovalCard, type ApprovalRequest } from './approval-card.js';
import { ToolCard } from './tool-card.js';

/** How often countdowns move. */
const TICK_MS = 1000;
/** Within this many pixels of the bottom, new output keeps the log scrolled down. */
const STICKY_PX = 80;
/**
 * A phone keeps a long session's log responsive: past this many entries the oldest go (a card still
 * waiting for an answer is never dropped). The host's transcript is where history lives.
 */
const MAX_ENTRIES = 1500;

/**
 * The conversation log: the person's prompts, the assistant's streamed Markdown, tool cards,
 * approval cards, turn results and notices, in arrival order.
 */
export class Conversation {
  readonly element = el('div', { class: 'log', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' } });
  private readonly approvals = new Map<string, ApprovalCard>();
  private readonly tools = new Map<string, ToolCard>();
  /** The assistant block being streamed into, and its text so far. */
  private streaming: { turn: number; element: HTMLElement; text: string } | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  /**
   * Whether the person is reading the newest output. A banner or the keyboard appearing shrinks the
   * log without a scroll event, so the log keeps its bottom in view itself while this holds.
   */
  private stuck = true;
  private readonly resize = new ResizeObserver(() => this.stuck && this.scroll());

  constructor(
    private readonly send: (message: DeviceMessage) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.element.addEventListener('scroll', () => (this.stuck = this.isNearBottom()), { passive: true });
    this.resize.observe(this.element);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.resize.disconnect();
  }

  /** The prompt the person sent (the host does not echo it). */
  addPrompt(text: string): void {
    this.add(el('div', { class: 'msg msg-user' }, el('p', {}, text)));
  }

  /** The host started a new stream: cards still waiting belong to the old one. */
  streamEnded(text: string): void {
    for (const card of this.approvals.values()) if (card.pending) card.resolve({ decision: 'deny', by: 'stream-ended' });
    this.notice('warning', text);
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'agent.text':
        this.appendText(message.turn, message.text);
        return;
      case 'turn.result': {
        const label = message.outcome === 'done' ? 'Done' : message.outcome === 'interrupted' ? 'Interrupted' : 'Error';
        const error = message.error === undefined ? null : el('span', { class: 'turn-error' }, `: ${message.error}`);
        this.add(el('p', { class: 'turn-result', attrs: { 'data-outcome': message.outcome } }, el('strong', {}, label), error, el('small', {}, ` · ${turnFootnote(message.duration_ms, message.cost_usd)}`)));
        return;
      }
      case 'approval.request':
        this.addApproval(message);
        return;
      case 'approval.resolved': {
        const card = this.approvals.get(message.id);
        const resolution = { decision: message.decision, by: message.by, ...(message.reason === undefined ? {} : { reason: message.reason }) };
        if (card !== undefined) card.resolve(resolution);
        return;
      }
      case 'tool.call': {
        const card = new ToolCard(message);
        this.tools.set(message.id, card);
        this.add(card.element);
        return;
      }
      case 'tool.result': {
        let card = this.tools.get(message.id);
        if (card === undefined) {
          card = new ToolCard({ tool: 'Result', summary: '' });
          this.add(card.element);
        }
        card.result(message);
        return;
      }
      case 'agent.exit':
        this.notice('error', `The agent stopped${message.code === undefined ? '' : ` (exit code ${message.code})`}: ${message.reason}. The next prompt starts it again.`);
        return;
      case 'notice':
        this.notice(message.level, message.text);
        return;
      case 'session.info':
        this.add(el('p', { class: 'divider' }, `Session with ${message.host} · agent ${message.agent} · this device is “${message.device}”`));
        return;
      case 'agent.state':
      case 'session.rules':
        return; // shown by the header and the rules bar
    }
  }

  private addApproval(request: ApprovalRequest): void {
    // The same id again: the newer request is the one that counts.
    this.approvals.get(request.id)?.resolve({ decision: 'deny', by: 'replaced' });
    const card = new ApprovalCard(request, this.send, this.now());
    this.approvals.set(request.id, card);
    this.add(card.element);
  }

  private appendText(turn: number, text: string): void {
    const current = this.streaming;
    if (current !== null && current.turn === turn && current.element === this.element.lastElementChild) {
      const atBottom = this.isNearBottom();
      current.text += text;
      // Re-rendered whole: a piece can close a fence or an emphasis opened by an earlier one.
      current.element.replaceChildren(renderMarkdown(current.text));
      if (atBottom) this.scroll();
      return;
    }
    const element = el('div', { class: 'msg msg-agent' });
    element.appendChild(renderMarkdown(text));
    this.streaming = { turn, element, text };
    this.add(element);
  }

  private notice(level: 'info' | 'warning' | 'error', text: string): void {
    this.add(el('p', { class: 'notice', attrs: { 'data-level': level, role: level === 'info' ? 'status' : 'alert' } }, text));
  }

  private add(node: HTMLElement): void {
    const atBottom = this.isNearBottom();
    this.element.appendChild(node);
    this.trim();
    if (atBottom) this.scroll();
  }

  private trim(): void {
    let excess = this.element.childElementCount - MAX_ENTRIES;
    if (excess <= 0) return;
    const waiting = new Set<Element>([...this.approvals.values()].filter((card) => card.pending).map((card) => card.element));
    for (let node = this.element.firstElementChild; node !== null && excess > 0; ) {
      const next = node.nextElementSibling;
      if (!waiting.has(node)) {
        node.remove();
        excess--;
      }
      node = next;
    }
    for (const [id, card] of this.approvals) if (!this.element.contains(card.element)) this.approvals.delete(id);
    for (const [id, card] of this.tools) if (!this.element.contains(card.element)) this.tools.delete(id);
  }

  private isNearBottom(): boolean {
    const log = this.element;
    return log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_PX;
  }

  private scroll(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }

  private tick(): void {
    const now = this.now();
    for (const card of this.approvals.values()) card.tick(now);
  }
}
