import { el } from '../dom/el.js';
import type { Screen } from './screen.js';

/** Said plainly instead of failing later: this browser lacks what the end-to-end encryption needs. */
export function unsupportedView(reason: string): Screen {
  const element = el(
    'section',
    { class: 'screen screen-unsupported' },
    el('header', { class: 'app-header' }, el('h1', {}, 'Tether')),
    el(
      'div',
      { class: 'scroll' },
      el('p', { class: 'lead failure', attrs: { role: 'alert' } }, 'This browser cannot run Tether.'),
      el('p', {}, reason),
      el('p', {}, 'Tether encrypts everything between this device and the workstation with WebCrypto X25519 and keeps its keys in IndexedDB. Use a current Chrome (133 or later), Firefox (130 or later) or Safari (17 or later), over HTTPS, and not in a private window.'),
    ),
  );
  return { element, dispose: () => undefined };
}
