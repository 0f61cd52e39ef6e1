/**
 * A system notification when an approval waits and the page is not being looked at. Permission is
 * asked only from a tap (browsers ignore or penalise asking on load). The notification names the
 * tool and the host, never the command or path: it may show on a locked screen.
 */

export interface ApprovalNotifier {
  /** Whether a "notify me" control makes sense now (supported and not yet decided). */
  canAsk(): boolean;
  /** Call from a click handler. */
  ask(): Promise<boolean>;
  notify(hostName: string, tool: string, id: string): void;
}

export function browserNotifier(): ApprovalNotifier {
  const supported = typeof Notification !== 'undefined';
  return {
    canAsk: () => supported && Notification.permission === 'default',
    ask: async () => supported && (await Notification.requestPermission()) === 'granted',
    notify: (hostName, tool, id) => {
      if (!supported || Notification.permission !== 'granted' || document.visibilityState !== 'hidden') return;
      const title = 'Approval needed';
      const options: NotificationOptions = { body: `${tool} on ${hostName} waits for your answer.`, tag: `approval-${id}`, icon: 'icon-192.png' };
      // Android Chrome allows notifications only through the service worker.
      const worker = navigator.serviceWorker;
      if (worker?.controller) void worker.ready.then((registration) => registration.showNotification(title, options));
      else new Notification(title, options);
    },
  };
}
