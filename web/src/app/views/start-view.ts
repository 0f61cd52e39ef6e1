import type { PairedHostInfo } from '../../client/api.js';
import { button, el, replaceChildren } from '../dom/el.js';
import { checkPastedLink } from '../route.js';
import type { AppContext, Screen } from './screen.js';

const PRESENCE_TEXT = { online: 'Online', offline: 'Offline', unknown: 'Unknown', checking: 'Checking…' } as const;

/** The paired hosts with whether each is online now, and how to pair another. */
export function startView(app: AppContext): Screen {
  const list = el('ul', { class: 'hosts', attrs: { 'aria-label': 'Paired hosts' } }, el('li', { class: 'muted' }, 'Loading…'));
  let disposed = false;

  void app.client.hosts().then(
    (hosts) => {
      if (disposed) return;
      if (hosts.length === 0) replaceChildren(list, el('li', { class: 'muted empty' }, 'No hosts yet. Pair this device with a workstation below.'));
      else replaceChildren(list, ...hosts.map((host) => hostRow(app, host, () => disposed)));
    },
    () => replaceChildren(list, el('li', { class: 'notice', attrs: { 'data-level': 'error' } }, 'The paired hosts could not be read from this browser’s storage.')),
  );

  const element = el(
    'section',
    { class: 'screen screen-start' },
    el('header', { class: 'app-header' }, el('h1', {}, 'Tether')),
    el('div', { class: 'scroll' }, el('h2', {}, 'Your hosts'), list, pairHelp(app)),
  );
  return { element, dispose: () => (disposed = true) };
}

function hostRow(app: AppContext, host: PairedHostInfo, gone: () => boolean): HTMLLIElement {
  const presence = el('span', { class: 'presence', attrs: { 'data-presence': 'checking' } }, PRESENCE_TEXT.checking);
  void app.client.presence(host).then(
    (state) => setPresence(presence, state),
    () => setPresence(presence, 'unknown'),
  );
  const open = el('button', { class: 'host-open', attrs: { type: 'button' } }, el('span', { class: 'host-name' }, host.hostName), presence, el('span', { class: 'host-meta' }, `as “${host.deviceName}” · paired ${new Date(host.pairedAt).toLocaleDateString()}`));
  open.addEventListener('click', () => app.navigate({ kind: 'session', hostId: host.id }));
  const row = el('li', { class: 'host' }, open);
  const forget = button('Forget…', 'button button-quiet host-forget', () => {
    replaceChildren(
      confirm,
      el('p', {}, `Forget ${host.hostName}? This device’s keys for it are deleted; pairing again needs a new link.`),
      el(
        'div',
        { class: 'approval-buttons' },
        button('Keep', 'button button-secondary', () => replaceChildren(confirm, forget)),
        el('span', { class: 'approval-gap' }),
        button('Forget', 'button button-deny', () => void app.client.forget(host.id).then(() => !gone() && row.remove())),
      ),
    );
  });
  const confirm = el('div', { class: 'host-forget-box' }, forget);
  row.appendChild(confirm);
  return row;
}

function setPresence(node: HTMLElement, state: 'online' | 'offline' | 'unknown'): void {
  node.dataset['presence'] = state;
  node.textContent = PRESENCE_TEXT[state];
}

function pairHelp(app: AppContext): HTMLElement {
  const input = el('textarea', { class: 'paste', attrs: { id: 'paste-link', rows: '3', placeholder: 'https://…/pair#…', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' } });
  const error = el('p', { class: 'field-error', attrs: { role: 'alert' } });
  const go = button('Pair with this link', 'button button-primary', () => {
    const checked = checkPastedLink(input.value, app.origin, app.base);
    if (!checked.ok) {
      error.textContent = checked.message;
      return;
    }
    input.value = ''; // the link holds a one-time secret: do not leave it on screen
    app.pairWith(checked.link);
  });
  return el(
    'section',
    { class: 'pair-help' },
    el('h2', {}, 'Pair a new host'),
    el('ol', {}, el('li', {}, 'On the workstation, run ', el('code', {}, 'tether pair'), ' in the project.'), el('li', {}, 'Scan its QR code with this phone’s camera, or open the link it prints.'), el('li', {}, 'Type the 8 digits this phone then shows into the workstation.')),
    el('label', { class: 'field-label', attrs: { for: 'paste-link' } }, 'Or paste the link here:'),
    input,
    error,
    go,
  );
}
