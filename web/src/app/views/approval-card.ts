import type { DeviceMessage, HostMessage, SessionRule } from '../../client/api.js';
import { formatRemaining, isUrgent } from '../approvals/countdown.js';
import { inputSha256 } from '../approvals/input-hash.js';
import { isAllowed, resolutionText, type Resolution } from '../approvals/resolution.js';
import { assessRisks } from '../approvals/risk.js';
import { describeRule, ruleFor } from '../approvals/session-rule.js';
import { revealHidden } from '../approvals/visible-text.js';
import { button, el, replaceChildren } from '../dom/el.js';
import { diffView } from './diff-view.js';
import { inputView } from './input-view.js';

/** What the agent is told when the person denied without saying why. */
const DEFAULT_DENY_REASON = 'denied on the phone';
/** A reason is a sentence for the model, not a document; the host caps prompts far higher. */
const MAX_REASON_CHARS = 500;

export type ApprovalRequest = Extract<HostMessage, { type: 'approval.request' }>;

/**
 * One approval request. Deny and Approve are big and far apart (a slip of the thumb must not
 * approve); "allow for this session" is a separate, deliberate second step that shows the exact rule
 * before anything is sent. Once decided, here or anywhere else, the buttons are gone.
 */
export class ApprovalCard {
  readonly element: HTMLElement;
  readonly request: ApprovalRequest;
  private readonly send: (message: DeviceMessage) => void;
  private readonly kicker = el('span', { class: 'approval-kicker' }, 'Approval needed');
  private readonly countdown = el('span', { class: 'countdown', attrs: { role: 'timer' } });
  private readonly status = el('p', { class: 'approval-status', attrs: { role: 'status' } });
  private readonly actions = el('div', { class: 'approval-actions' });
  /** The hash of what this card shows, computed here (null until WebCrypto answers). */
  private hash: string | null = null;
  private answeredHere = false;
  private state: 'pending' | 'sent' | 'done' = 'pending';

  constructor(request: ApprovalRequest, send: (message: DeviceMessage) => void, now: number) {
    this.request = request;
    this.send = send;
    const risks = assessRisks(request);
    this.element = el(
      'article',
      { class: 'approval', attrs: { 'data-state': 'pending', 'data-id': request.id, 'aria-label': `Approval request: ${request.tool}` } },
      el('header', { class: 'approval-header' }, this.kicker, this.countdown),
      el('h3', { class: 'approval-tool' }, request.tool),
      el('p', { class: 'approval-summary' }, revealHidden(request.summary)),
      risks.length === 0
        ? null
        : el('ul', { class: 'badges', attrs: { 'aria-label': 'Warnings' } }, ...risks.map((risk) => el('li', { class: 'badge', attrs: { 'data-kind': risk.kind, title: risk.detail } }, el('strong', {}, risk.label), el('span', { class: 'badge-detail' }, revealHidden(risk.detail))))),
      el('p', { class: 'approval-cwd' }, 'in ', el('code', {}, revealHidden(request.cwd))),
      request.diff === undefined ? null : diffView(request.diff),
      inputView(request.input, request.diff === undefined),
      this.status,
      this.actions,
    );
    this.tick(now);
    void this.checkHash();
  }

  get pending(): boolean {
    return this.state !== 'done';
  }

  /** Updates the countdown; past the deadline the card is expired (the host denies on its own clock). */
  tick(now: number): void {
    if (this.state === 'done') return;
    const left = formatRemaining(this.request.deadline, now);
    if (left === null) {
      this.resolve({ decision: 'deny', by: 'expired' });
      return;
    }
    this.countdown.textContent = left;
    this.countdown.classList.toggle('urgent', isUrgent(this.request.deadline, now));
  }

  /** The host decided it (approval.resolved), or it can no longer be answered. */
  resolve(resolution: Resolution): void {
    this.state = 'done';
    const expired = resolution.by === 'timeout' || resolution.by === 'expired';
    this.element.dataset['state'] = expired ? 'expired' : resolution.decision === 'allow' && resolution.by === 'device' ? 'allowed' : 'denied';
    this.kicker.textContent = expired ? 'Expired' : isAllowed(resolution) ? 'Approved' : 'Denied';
    this.countdown.textContent = expired ? 'expired' : '';
    this.countdown.classList.remove('urgent');
    // The host's reason repeats what this page already says when the answer was sent from here.
    const ownAnswer = this.answeredHere && resolution.by === 'device';
    const reason = ownAnswer || resolution.reason === undefined || resolution.reason === '' ? null : el('span', { class: 'approval-reason' }, ` (${revealHidden(resolution.reason)})`);
    replaceChildren(this.status, resolutionText(resolution, this.answeredHere), reason);
    this.actions.replaceChildren();
  }

  private async checkHash(): Promise<void> {
    this.status.textContent = 'Checking the request…';
    const hash = await inputSha256(this.request.input);
    if (this.state === 'done') return;
    this.status.textContent = '';
    if (hash !== this.request.input_sha256) {
      // What is shown is not what the host would run: no answer could count (the host checks too).
      this.status.textContent = 'This request does not match its own hash, so it cannot be approved; the host denies it at the deadline.';
      this.element.dataset['state'] = 'invalid';
      return;
    }
    this.hash = hash;
    this.showButtons();
  }

  private showButtons(): void {
    const rule = ruleFor(this.request.tool, this.request.input);
    replaceChildren(
      this.actions,
      el(
        'div',
        { class: 'approval-buttons' },
        button('Deny', 'button button-deny', () => this.answer('deny')),
        el('span', { class: 'approval-gap', attrs: { 'aria-hidden': 'true' } }),
        button('Approve', 'button button-approve', () => this.answer('allow')),
      ),
      rule === null ? null : button('Allow for this session…', 'button button-quiet', () => this.confirmRule(rule)),
      button('Deny with a reason…', 'button button-quiet', () => this.askReason()),
    );
  }

  /** A deny that tells the agent why (the model reads it), like the terminal's `/deny ID reason`. */
  private askReason(): void {
    const field = el('textarea', { class: 'text-input reason-input', attrs: { rows: '2', maxlength: String(MAX_REASON_CHARS), 'aria-label': 'Reason for denying', placeholder: 'Why not? The agent reads this.' } });
    const send = (): void => {
      const reason = field.value.trim();
      this.answer('deny', undefined, reason === '' ? DEFAULT_DENY_REASON : reason);
    };
    replaceChildren(
      this.actions,
      el(
        'div',
        { class: 'rule-confirm', attrs: { role: 'group', 'aria-label': 'Deny with a reason' } },
        field,
        el('div', { class: 'approval-buttons' }, button('Back', 'button button-secondary', () => this.showButtons()), el('span', { class: 'approval-gap', attrs: { 'aria-hidden': 'true' } }), button('Send deny', 'button button-deny', send)),
      ),
    );
    field.focus();
  }

  /** The second step: the exact rule, and a separate button that sends it. */
  private confirmRule(rule: SessionRule): void {
    replaceChildren(
      this.actions,
      el(
        'div',
        { class: 'rule-confirm', attrs: { role: 'group', 'aria-label': 'Allow for this session' } },
        el('p', {}, 'Approve this request and also allow exactly this for the rest of the session (the host keeps it 30 minutes):'),
        el('code', { class: 'rule-text' }, revealHidden(describeRule(rule))),
        el(
          'div',
          { class: 'approval-buttons' },
          button('Back', 'button button-secondary', () => this.showButtons()),
          el('span', { class: 'approval-gap', attrs: { 'aria-hidden': 'true' } }),
          button('Allow for session', 'button button-approve', () => this.answer('allow', rule)),
        ),
      ),
    );
  }

  private answer(decision: 'allow' | 'deny', rule?: SessionRule, reason: string = DEFAULT_DENY_REASON): void {
    if (this.state !== 'pending' || this.hash === null) return;
    const base = { type: 'approval.answer', id: this.request.id, input_sha256: this.hash, decision } as const;
    let message: DeviceMessage = base;
    if (decision === 'deny') message = { ...base, reason };
    else if (rule !== undefined) message = { ...base, rule };
    this.send(message);
    this.state = 'sent';
    this.answeredHere = true;
    this.element.dataset['state'] = 'sent';
    this.actions.replaceChildren();
    this.status.textContent = `${decision === 'allow' ? 'Approved' : 'Denied'} here${rule === undefined ? '' : ' with a session rule'}; waiting for the host to confirm…`;
  }
}
