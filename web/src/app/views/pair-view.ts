import type { PairingFailure, PairingProgress, PairingResult } from '../../client/api.js';
import { button, el, replaceChildren, type Child } from '../dom/el.js';
import { attemptsLeftText, failureTitle, groupDigits, needsNewLink } from '../pairing-text.js';
import { backButton, type AppContext, type Screen } from './screen.js';

const DEFAULT_DEVICE_NAME = 'Phone';
/** The host keeps device names short; so does the field. */
const MAX_DEVICE_NAME = 64;

/**
 * Pairing: a device name, then the 8 digits shown large for the person to type on the host, the
 * retry state, and the outcome. `link` lives only in memory (the page removed it from the address bar).
 */
export function pairView(app: AppContext, link: string | null): Screen {
  const body = el('div', { class: 'scroll pair-body' });
  const element = el('section', { class: 'screen screen-pair' }, el('header', { class: 'app-header' }, backButton(app), el('h1', {}, 'Pair a host')), body);
  const abort = new AbortController();

  if (link === null) {
    replaceChildren(body, el('p', { class: 'lead' }, 'There is no pairing link on this page.'), el('p', {}, 'A pairing link works once and is removed from the address bar as soon as it is read. Run tether pair on the workstation again and open the new link, or paste it on the start screen.'));
    return { element, dispose: () => abort.abort() };
  }

  const name = el('input', { class: 'text-input', attrs: { id: 'device-name', type: 'text', value: DEFAULT_DEVICE_NAME, maxlength: String(MAX_DEVICE_NAME), autocomplete: 'off', enterkeyhint: 'go' } });
  const start = (): void => {
    const deviceName = name.value.trim() === '' ? DEFAULT_DEVICE_NAME : name.value.trim();
    replaceChildren(body, progressView({ stage: 'connecting' }));
    void app.client.pair(link, deviceName, (progress) => replaceChildren(body, progressView(progress)), abort.signal).then(
      (result) => !abort.signal.aborted && replaceChildren(body, ...resultView(app, result)),
      () => !abort.signal.aborted && replaceChildren(body, ...resultView(app, { ok: false, failure: { code: 'protocol', message: 'Something went wrong inside the page.' } })),
    );
  };
  name.addEventListener('keydown', (event) => event.key === 'Enter' && start());
  replaceChildren(
    body,
    el('p', { class: 'lead' }, 'Pair this device with the workstation that showed you the link.'),
    el('label', { class: 'field-label', attrs: { for: 'device-name' } }, 'Name of this device (the host shows it):'),
    name,
    el('div', { class: 'approval-buttons' }, button('Cancel', 'button button-secondary', () => app.navigate({ kind: 'start' })), el('span', { class: 'approval-gap' }), button('Pair', 'button button-primary', start)),
  );
  return { element, dispose: () => abort.abort() };
}

function progressView(progress: PairingProgress): HTMLElement {
  switch (progress.stage) {
    case 'connecting':
      return el('p', { class: 'lead', attrs: { role: 'status' } }, 'Connecting to the host…');
    case 'saving':
      return el('p', { class: 'lead', attrs: { role: 'status' } }, 'Code accepted. Saving the pairing…');
    case 'code':
      return codeView(progress.digits, null);
    case 'retry':
      return codeView(progress.digits, `The code typed on the host was wrong. Type it again: ${attemptsLeftText(progress.attemptsLeft)}`);
  }
}

function codeView(digits: string, warning: string | null): HTMLElement {
  return el(
    'div',
    { class: 'code-view' },
    warning === null ? null : el('p', { class: 'notice', attrs: { 'data-level': 'warning', role: 'alert' } }, warning),
    el('p', { class: 'lead' }, 'Type this code on the workstation:'),
    el('p', { class: 'sas', attrs: { 'aria-label': `Code ${digits.split('').join(' ')}` } }, groupDigits(digits)),
    el('p', { class: 'muted' }, 'The terminal where tether pair runs asks for it. It proves this phone and the workstation see the same secure connection; never type it anywhere else.'),
  );
}

function resultView(app: AppContext, result: PairingResult): Child[] {
  if (result.ok) {
    return [
      el('p', { class: 'lead success', attrs: { role: 'status' } }, `Paired with ${result.host.hostName}.`),
      el('p', {}, `This device is “${result.host.deviceName}” there.`),
      button('Open the session', 'button button-primary', () => app.navigate({ kind: 'session', hostId: result.host.id })),
    ];
  }
  return failureView(app, result.failure);
}

function failureView(app: AppContext, failure: PairingFailure): Child[] {
  return [
    el('p', { class: 'lead failure', attrs: { role: 'alert', 'data-code': failure.code } }, failureTitle(failure.code)),
    el('p', {}, failure.message),
    needsNewLink(failure.code) ? el('p', { class: 'muted' }, 'To try again, run tether pair on the workstation for a new link.') : null,
    button('Back to hosts', 'button button-secondary', () => app.navigate({ kind: 'start' })),
  ];
}
