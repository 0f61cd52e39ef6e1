/**
 * Where the page is: the start screen, the pairing screen (`<base>/pair#<payload>`, the form the
 * host's QR code and link take), or a session (`<base>/#host=<id>`). A session lives in the
 * fragment so that a reload comes back to it without the id ever being sent in a request.
 */

export type Route =
  | { readonly kind: 'start' }
  | { readonly kind: 'pair'; readonly payload: string }
  | { readonly kind: 'session'; readonly hostId: string };

const PAIR_SEGMENT = '/pair';
/** A pairing's id is the project channel id: 32 lowercase hex (client/api.ts). */
const HOST_ID = /^[0-9a-f]{32}$/u;
const SESSION_PREFIX = '#host=';

export function parseRoute(pathname: string, hash: string): Route {
  if (pathname.endsWith(PAIR_SEGMENT)) return { kind: 'pair', payload: hash.startsWith('#') ? hash.slice(1) : hash };
  if (hash.startsWith(SESSION_PREFIX)) {
    const hostId = hash.slice(SESSION_PREFIX.length);
    if (HOST_ID.test(hostId)) return { kind: 'session', hostId };
  }
  return { kind: 'start' };
}

/** The app's root path: `/` for a relay at the root, `/tether/` behind a path prefix. */
export function basePath(pathname: string): string {
  const path = pathname.endsWith(PAIR_SEGMENT) ? pathname.slice(0, -PAIR_SEGMENT.length) : pathname.replace(/[^/]*$/u, '');
  return path.endsWith('/') ? path : `${path}/`;
}

export function routeUrl(base: string, route: Route): string {
  switch (route.kind) {
    case 'start':
      return base;
    case 'pair':
      // Never with the payload: it would land in history; the app keeps it in memory.
      return `${base}pair`;
    case 'session':
      return `${base}${SESSION_PREFIX}${route.hostId}`;
  }
}

/**
 * A link pasted into the start screen, checked before it is used: it must be a pairing link of the
 * relay this page came from (connect-src 'self' would stop any other one anyway, so say it plainly).
 */
export function checkPastedLink(text: string, origin: string, base: string): { ok: true; link: string } | { ok: false; message: string } {
  const link = text.trim();
  const hash = link.indexOf('#');
  if (hash < 0 || !link.slice(0, hash).endsWith(PAIR_SEGMENT) || hash === link.length - 1) {
    return { ok: false, message: 'That is not a pairing link. It looks like https://…/pair#… and comes from `tether pair` on the workstation.' };
  }
  const expected = `${origin}${base}pair`;
  if (link.slice(0, hash) !== expected) {
    return { ok: false, message: `That link is for another relay (${link.slice(0, hash)}). Open it in the browser itself.` };
  }
  return { ok: true, link };
}
