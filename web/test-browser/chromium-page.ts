import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStaticServer } from './static-server.js';

/** Headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) on a page of the static server, a secure context. */
export interface ChromiumPage {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

// Quiet and offline: no GPU, no QUIC, no background updates or sync.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function openChromiumPage(): Promise<ChromiumPage> {
  const server = await startStaticServer();
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`chromium page error: ${error.message}`));
  await page.goto(`${server.origin}/`);
  assert.equal(await page.evaluate(() => window.isSecureContext), true);
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
