/*
 * Tether's service worker: it keeps the app shell (the page, its hashed script and style, the
 * manifest and the icons) so the app starts offline, and NOTHING else. It never answers for the
 * relay's API or WebSocket (/v1/...), pairing links or anything not listed below: those go to the
 * network untouched. The build writes the list (with content-hashed names) in place of @shell.
 */
const SHELL = /* @shell */ [];
const VERSION = /* @version */ 'dev';
const CACHE = `tether-shell-${VERSION}`;

const scope = new URL(self.registration.scope);
const shellUrls = new Set(SHELL.map((path) => new URL(path, scope).href));
const indexUrl = new URL('index.html', scope).href;
/** The addresses that show the page itself: the root and the pairing path (the fragment never reaches here). */
const pageUrls = new Set([scope.href, indexUrl, new URL('pair', scope).href]);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...shellUrls])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('tether-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  url.search = '';
  if (url.origin !== scope.origin) return;
  if (pageUrls.has(url.href) && request.mode === 'navigate') {
    // Network first: a new deployment's page names new hashed files; offline, the cached page.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(indexUrl)).then((hit) => hit ?? Response.error())),
    );
    return;
  }
  if (!shellUrls.has(url.href)) return; // not ours to answer: the network handles it
  // Hashed names never change content, so the cache is right whenever it has the file.
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(url.href)).then((hit) => hit ?? fetch(request)));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url.startsWith(scope.href));
      return open ? open.focus() : self.clients.openWindow(scope.href);
    }),
  );
});
