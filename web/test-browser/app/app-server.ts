/**
 * Serves a built app directory (web/dist or the test build) on 127.0.0.1 the way the relay does
 * (src/Tether.Relay/StaticFiles): `/` and `/pair` answer with index.html, files by their exact
 * name, and every response carries the page's Content-Security-Policy.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; manifest-src 'self'; " +
  "worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface AppServer {
  readonly origin: string;
  /** Every path requested, in order (to check what the page fetched). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startAppServer(root: string): Promise<AppServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push(pathname);
      const name = pathname === '/' || pathname === '/pair' ? 'index.html' : pathname.slice(1);
      const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
      try {
        // Only plain file names at the root: nothing else of the disk is reachable.
        if (!/^[\w.-]+$/u.test(name) || name.startsWith('.')) throw new Error('not found');
        const body = await readFile(join(root, name));
        response.writeHead(200, { ...headers, 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404, headers).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
