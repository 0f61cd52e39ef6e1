/**
 * Runs the Noise implementation inside headless Chromium (Debian's /usr/bin/chromium, or
 * CHROMIUM_PATH). Prints `noise vectors (chromium): P passed, F failed, S skipped` and
 * `protocol known answers (chromium): P passed, F failed, S skipped`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { KatTally } from '../test/vectors/kat.js';
import type * as Suite from './page/browser-suite.js';
import { startStaticServer } from './static-server.js';

type SuiteModule = typeof Suite;
const SUITE_URL = '/build/test-browser/page/browser-suite.js';

let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startStaticServer>>;

/** Calls one exported function of the browser suite inside the page and returns its result. */
async function inPage<K extends keyof SuiteModule>(name: K): Promise<Awaited<ReturnType<SuiteModule[K]>>> {
  return page.evaluate(
    async ([url, fn]) => {
      const module = (await import(url)) as Record<string, () => Promise<unknown>>;
      return module[fn]!();
    },
    [SUITE_URL, name] as const,
  ) as Promise<Awaited<ReturnType<SuiteModule[K]>>>;
}

/** Prints each failure and the summary line; a run with a failure, or with nothing passed, fails. */
function assertTally({ summary, line }: { summary: KatTally; line: string }): void {
  for (const failure of summary.failures) console.error(failure);
  console.log(line);
  assert.equal(summary.failed, 0);
  assert.ok(summary.passed > 0);
}

describe('Noise and the protocol in headless Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startStaticServer();
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`chromium page error: ${error.message}`));
    await page.goto(`${server.origin}/`);
    assert.equal(await page.evaluate(() => window.isSecureContext), true);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the browser reports whether WebCrypto has ChaCha20-Poly1305', async () => {
    const supported = await inPage('chachaPolySupported');
    console.log(`chromium ${browser.version()}: ChaCha20-Poly1305 ${supported ? 'supported' : 'not supported'}`);
  });

  test('every supported Noise vector passes in Chromium', async () => {
    assertTally(await inPage('runVectorSuite'));
  });

  test('every case of the protocol known-answer files passes in Chromium', async () => {
    assertTally(await inPage('runProtocolKnownAnswers'));
  });

  test('X25519 in Chromium matches every valid Wycheproof case and refuses low-order points', async () => {
    const { checked, problems } = await inPage('runWycheproof');
    assert.ok(checked > 250);
    assert.deepEqual(problems, []);
  });

  test('IK and IKpsk2 handshakes with fresh keys work in Chromium and tampering poisons the transport', async () => {
    const log = await inPage('runHandshakes');
    for (const line of log) console.log(line);
    assert.equal(log.length, 2);
    for (const line of log) assert.match(line, /ok, tamper=decryption_failed, then=poisoned, private key extractable=false/);
  });
});
