import type { TetherClient } from '../client/api.js';
import { browserNotifier, type ApprovalNotifier } from './pwa/notifications.js';
import { basePath, parseRoute, routeUrl, type Route } from './route.js';
import { pairView } from './views/pair-view.js';
import type { AppContext, Screen } from './views/screen.js';
import { sessionView } from './views/session-view.js';
import { startView } from './views/start-view.js';
import { unsupportedView } from './views/unsupported-view.js';

/**
 * The app: one screen at a time in `root`, chosen by the address (route.ts). It is given its
 * TetherClient, so the same code runs with the real device client (main.ts) and with a scripted
 * one in the tests.
 */
export function startApp(root: HTMLElement, client: TetherClient, notifier: ApprovalNotifier = browserNotifier()): void {
  let screen: Screen | null = null;
  /** The route on screen, so that popstate and hashchange for the same move render once. */
  let current = '';
  const show = (next: Screen): void => {
    screen?.dispose();
    screen = next;
    root.replaceChildren(next.element);
  };

  if (client.unsupported !== null) {
    show(unsupportedView(client.unsupported));
    return;
  }

  const base = basePath(location.pathname);
  const app: AppContext = {
    client,
    notifier,
    origin: location.origin,
    base,
    navigate: (route) => {
      history.pushState(null, '', routeUrl(base, route));
      render(route, null);
    },
    pairWith: (link) => {
      history.pushState(null, '', routeUrl(base, { kind: 'pair', payload: '' }));
      render({ kind: 'pair', payload: '' }, link);
    },
  };

  const render = (route: Route, pairingLink: string | null): void => {
    current = JSON.stringify(route);
    switch (route.kind) {
      case 'start':
        show(startView(app));
        return;
      case 'pair':
        show(pairView(app, pairingLink));
        return;
      case 'session':
        show(sessionView(app, route.hostId));
        return;
    }
  };

  const fromAddress = (): void => {
    const route = parseRoute(location.pathname, location.hash);
    if (JSON.stringify(route) !== current) render(route, null);
  };
  window.addEventListener('popstate', fromAddress);
  window.addEventListener('hashchange', fromAddress);

  const first = parseRoute(location.pathname, location.hash);
  if (first.kind === 'pair') {
    // The fragment holds the one-time secret: take it, then wipe it from the address bar (and so
    // from history and from any screenshot of the URL). It is never sent anywhere but to pair().
    const link = first.payload === '' ? null : `${location.origin}${location.pathname}#${first.payload}`;
    history.replaceState(null, '', routeUrl(base, first));
    render(first, link);
    return;
  }
  render(first, null);
}
