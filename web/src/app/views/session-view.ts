import type { AgentState, ConnectionState, DeviceMessage, DeviceSession, HostMessage, PairedHostInfo, SessionEnd, SessionRule } from '../../client/api.js';
import { describeRule } from '../approvals/session-rule.js';
import { button, el, replaceChildren } from '../dom/el.js';
import { agentStateLabel, connectionBanner, connectionLabel, endedAdvice, endedTitle } from '../session-text.js';
import { Composer } from './composer.js';
import { Conversation } from './conversation.js';
import { backButton, type AppContext, type Screen } from './screen.js';

/**
 * A live session with one host: header (host, connection, agent state), banner, session rules, the
 * conversation and the prompt box. On open it shows what this browser already received
 * (`transcript`) and then continues with live messages.
 */
export function sessionView(app: AppContext, hostId: string): Screen {
  const view = new SessionScreen(app, hostId);
  view.start().catch(() => view.failed());
  return view;
}

class SessionScreen implements Screen {
  readonly element: HTMLElement;
  private readonly title = el('h1', { class: 'session-host' }, '…');
  private readonly connection = el('span', { class: 'connection', attrs: { 'data-state': 'connecting', role: 'status' } }, 'Connecting…');
  private readonly agent = el('span', { class: 'agent-state', attrs: { 'data-state': 'idle' } }, agentStateLabel('idle'));
  private readonly banner = el('div', { class: 'banner', attrs: { role: 'status' } });
  private readonly rules = el('details', { class: 'rules' });
  private readonly notifyBox = el('div', { class: 'notify-box' });
  private readonly conversation: Conversation;
  private readonly composer: Composer;
  private session: DeviceSession | null = null;
  /** Answers given to transcript cards before the session is open; sent as soon as it is. */
  private readonly outbox: DeviceMessage[] = [];
  private host: PairedHostInfo | null = null;
  private wasOnline = false;
  private closed = false;

  constructor(
    private readonly app: AppContext,
    private readonly hostId: string,
  ) {
    this.conversation = new Conversation((message) => this.send(message));
    this.composer = new Composer(
      (text) => this.sendPrompt(text),
      () => this.session?.send({ type: 'interrupt' }),
    );
    this.composer.setEnabled(false);
    this.banner.hidden = true;
    this.rules.hidden = true;
    this.element = el(
      'section',
      { class: 'screen screen-session' },
      el(
        'header',
        { class: 'app-header session-header' },
        backButton(app),
        el('div', { class: 'session-titles' }, this.title, el('p', { class: 'session-status' }, this.connection, ' · ', this.agent)),
      ),
      this.banner,
      this.notifyBox,
      this.rules,
      this.conversation.element,
      this.composer.element,
    );
    this.showNotifyOffer();
  }

  async start(): Promise<void> {
    const host = (await this.app.client.hosts()).find((h) => h.id === this.hostId);
    if (this.closed) return;
    if (host === undefined) {
      this.showEnded('This host is not paired with this device.', 'It may have been forgotten here. Pair it again from the workstation (tether pair).');
      return;
    }
    this.host = host;
    this.title.textContent = host.hostName;
    for (const message of await this.app.client.transcript(this.hostId)) this.onMessage(message, false);
    if (this.closed) return;
    const session = await this.app.client.open(this.hostId, {
      message: (message) => this.onMessage(message, true),
      state: (state) => this.onState(state),
      streamEnded: (text) => this.conversation.streamEnded(text),
      ended: (end) => this.onEnded(end),
    });
    if (this.closed) {
      session.close();
      return;
    }
    this.session = session;
    for (const message of this.outbox.splice(0)) session.send(message);
    this.composer.setEnabled(true);
  }

  /** The client threw (storage unreadable, a bug): say so rather than hang on "Connecting…". */
  failed(): void {
    if (!this.closed) this.showEnded('The session could not be opened.', 'This browser could not read the pairing or reach the host. Go back and try again.', 'error');
  }

  dispose(): void {
    this.closed = true;
    this.conversation.dispose();
    this.session?.close();
  }

  private send(message: DeviceMessage): void {
    if (this.session !== null) this.session.send(message);
    else if (!this.closed) this.outbox.push(message);
  }

  private sendPrompt(text: string): boolean {
    if (this.session === null) return false;
    this.session.send({ type: 'prompt', text });
    this.conversation.addPrompt(text);
    return true;
  }

  private onMessage(message: HostMessage, live: boolean): void {
    switch (message.type) {
      case 'agent.state':
        this.setAgentState(message.state);
        break;
      case 'session.rules':
        this.showRules(message.rules);
        break;
      case 'session.info':
        this.title.textContent = message.host;
        break;
      case 'approval.request':
        if (live) this.app.notifier.notify(this.host?.hostName ?? 'the host', message.tool, message.id);
        break;
    }
    this.conversation.handle(message);
  }

  private setAgentState(state: AgentState): void {
    this.agent.dataset['state'] = state;
    this.agent.textContent = agentStateLabel(state);
    this.composer.setRunning(state !== 'idle');
  }

  private onState(state: ConnectionState): void {
    if (state === 'online') this.wasOnline = true;
    this.connection.dataset['state'] = state;
    this.connection.textContent = connectionLabel(state, this.wasOnline);
    const text = connectionBanner(state, this.wasOnline);
    this.banner.hidden = text === null;
    this.banner.dataset['state'] = state;
    this.banner.textContent = text ?? '';
  }

  private showRules(rules: readonly SessionRule[]): void {
    this.rules.hidden = rules.length === 0;
    replaceChildren(
      this.rules,
      el('summary', {}, `Session rules in force (${rules.length})`),
      el('ul', {}, ...rules.map((rule) => el('li', {}, el('code', {}, describeRule(rule)), rule.expires > 0 ? ` until ${new Date(rule.expires).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''))),
    );
  }

  private onEnded(end: SessionEnd): void {
    this.session = null;
    this.closed = true; // nothing more can be sent; the overlay says why
    this.composer.setEnabled(false);
    this.showEnded(endedTitle(end, this.host?.hostName ?? 'the host'), `${endedAdvice(end)}${end.message === '' ? '' : ` (${end.message})`}`, end.reason);
  }

  private showEnded(title: string, advice: string, reason = 'not-paired'): void {
    this.element.appendChild(
      el(
        'div',
        { class: 'ended', attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'ended-title', 'data-reason': reason } },
        el('div', { class: 'ended-box' }, el('h2', { attrs: { id: 'ended-title' } }, title), el('p', {}, advice), button('Back to hosts', 'button button-primary', () => this.app.navigate({ kind: 'start' }))),
      ),
    );
  }

  private showNotifyOffer(): void {
    if (!this.app.notifier.canAsk()) return;
    replaceChildren(
      this.notifyBox,
      button('Notify me when an approval waits', 'button button-quiet', () => {
        void this.app.notifier.ask().finally(() => this.notifyBox.replaceChildren());
      }),
    );
  }
}
