/**
 * The production build (src/app/main.ts through web/scripts/build-app.mjs): index.html names its
 * hashed script and style with Subresource Integrity, the manifest and icons are valid, the service
 * worker caches the app shell and nothing else, and the page runs under the CSP without a violation.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { webRoot } from '../../test/support/paths.js';
import { startAppServer, type AppServer } from './app-server.js';
import { build, PHONE } from './harness.js';

let outDir: string;
let shell: readonly string[];
let server: AppServer;
let browser: Browser;

describe('the production build', { timeout: 120_000 }, () => {
  before(async () => {
    ({ outDir, shell } = await build({ outDir: join(webRoot, '.artifacts', 'app-test-dist') }));
    server = await startAppServer(outDir);
    browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('index.html loads its hashed script and style with Subresource Integrity and has no inline script or style', async () => {
    const index = await readFile(join(outDir, 'index.html'), 'utf8');
    for (const [pattern, file] of [
      [/<script type="module" src="(app\.[0-9a-f]{12}\.js)" integrity="(sha384-[^"]+)" crossorigin="anonymous"><\/script>/u, 'js'],
      [/<link rel="stylesheet" href="(app\.[0-9a-f]{12}\.css)" integrity="(sha384-[^"]+)" crossorigin="anonymous">/u, 'css'],
    ] as const) {
      const match = pattern.exec(index);
      assert.ok(match !== null, `index.html names the ${file} with integrity`);
      const bytes = await readFile(join(outDir, match[1]!));
      assert.equal(match[2], `sha384-${createHash('sha384').update(bytes).digest('base64')}`);
    }
    assert.equal((index.match(/<script/gu) ?? []).length, 1);
    assert.doesNotMatch(index, /\sstyle=|<style|javascript:|\son\w+=/u);
  });

  test('the manifest is standalone with 192, 512 and maskable PNG icons that decode', async () => {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.webmanifest'), 'utf8')) as { name: string; display: string; start_url: string; icons: { src: string; sizes: string; purpose: string }[] };
    assert.equal(manifest.name, 'Tether');
    assert.equal(manifest.display, 'standalone');
    assert.equal(new URL(manifest.start_url, 'https://relay.example/manifest.webmanifest').pathname, '/');
    assert.deepEqual(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`), ['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of [...manifest.icons.map((i) => i.src), 'apple-touch-icon.png']) {
      const png = await readFile(join(outDir, icon));
      assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
      const width = png.readUInt32BE(16);
      const idat = png.subarray(41, 41 + png.readUInt32BE(33));
      assert.equal(inflateSync(idat).length, width * (width * 4 + 1), `${icon} decodes to ${width}x${width} RGBA`);
    }
  });

  test('the service worker caches exactly the app shell, never the API, and the page runs under the CSP', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await context.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective}`)));
    await page.goto(`${server.origin}/`);
    // The real device client with an empty IndexedDB: the start screen with no host.
    await page.getByText('No hosts yet').waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.evaluate(async () => {
      await fetch('v1/health').catch(() => undefined);
    });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      return urls.sort();
    });
    assert.deepEqual(cached, shell.map((file) => `/${file}`).sort());
    assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
    assert.ok(errors.every((e) => !e.includes('CSP')), 'no CSP violation');
    await context.close();
  });
  test('on a browser without WebCrypto X25519 the real page says so plainly instead of failing silently', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    await context.addInitScript(() => {
      // What a browser before Chrome 133, Firefox 130 or Safari 17 does when asked for an X25519 key.
      const generateKey = crypto.subtle.generateKey.bind(crypto.subtle);
      crypto.subtle.generateKey = ((algorithm: AlgorithmIdentifier, ...rest: unknown[]) =>
        (typeof algorithm === 'object' && algorithm.name === 'X25519'
          ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'))
          : (generateKey as (...args: unknown[]) => Promise<CryptoKey>)(algorithm, ...rest))) as typeof crypto.subtle.generateKey;
    });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), 'This browser cannot run Tether.');
    assert.match(await page.locator('.screen-unsupported').innerText(), /cannot do X25519 key agreement/u);
    await context.close();
  });
});
