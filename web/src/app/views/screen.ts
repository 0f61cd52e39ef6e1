import { button } from '../dom/el.js';
import type { TetherClient } from '../../client/api.js';
import type { ApprovalNotifier } from '../pwa/notifications.js';
import type { Route } from '../route.js';

/** What every screen gets from the app. */
export interface AppContext {
  readonly client: TetherClient;
  readonly notifier: ApprovalNotifier;
  /** The page's origin and root path, to check pasted links against. */
  readonly origin: string;
  readonly base: string;
  navigate(route: Route): void;
  /** Shows the pairing screen for a link kept in memory (never put in the address bar). */
  pairWith(link: string): void;
}

/** One screen on the page; `dispose` stops its timers and closes what it opened. */
export interface Screen {
  readonly element: HTMLElement;
  dispose(): void;
}

/** The header's way back to the list of hosts: a large target, named for screen readers. */
export function backButton(app: AppContext): HTMLButtonElement {
  const back = button('‹', 'button button-back', () => app.navigate({ kind: 'start' }));
  back.setAttribute('aria-label', 'Back to hosts');
  return back;
}
