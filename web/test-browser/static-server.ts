/**
 * A tiny static server for the Chromium tests. It binds 127.0.0.1 on a random port because
 * WebCrypto exists only in secure contexts, and http://127.0.0.1 counts as one.
 * It serves web/build/ as ES modules (no bundling: tsc output already uses relative .js imports),
 * the Noise vector directory under /vectors/, the protocol's known-answer files under
 * /protocol-vectors/ and the Wycheproof X25519 file.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { basename, extname, join, normalize, sep } from 'node:path';
import { PROTOCOL_VECTOR_FILES } from '../test/protocol/kat/index.js';
import { vectorFiles } from '../test/support/load-vectors.js';
import { noiseVectorDir, protocolVectorDir, webRoot, wycheproofX25519File } from '../test/support/paths.js';

const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json', '.html': 'text/html' };

async function resolveFile(pathname: string): Promise<string | 'index' | null> {
  if (pathname === '/') return join(webRoot, 'test-browser', 'index.html');
  if (pathname === '/vectors/index.json') return 'index';
  if (pathname === '/wycheproof/x25519_test.json') return wycheproofX25519File;
  if (pathname.startsWith('/protocol-vectors/')) {
    // Only the listed files, by exact name: nothing else under tests/ is served.
    const name = PROTOCOL_VECTOR_FILES.find((file) => file === basename(decodeURIComponent(pathname)));
    return name === undefined ? null : join(protocolVectorDir, name);
  }
  if (pathname.startsWith('/vectors/')) {
    const name = basename(decodeURIComponent(pathname));
    return vectorFiles().find((file) => basename(file) === name) ?? null;
  }
  if (pathname.startsWith('/build/')) {
    const root = join(webRoot, 'build');
    const file = normalize(join(webRoot, decodeURIComponent(pathname)));
    return file.startsWith(root + sep) ? file : null;
  }
  return null;
}

export async function startStaticServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const target = await resolveFile(pathname);
      try {
        if (target === null) throw new Error('not found');
        const body = target === 'index' ? JSON.stringify(vectorFiles(noiseVectorDir()).map((file) => basename(file))) : await readFile(target);
        response.writeHead(200, { 'content-type': TYPES[target === 'index' ? '.json' : extname(target)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
