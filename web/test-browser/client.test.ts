/**
 * The device side in headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH): the IndexedDB
 * store keeps non-extractable keys that still work after a reload, and the whole client pairs with
 * the real C# host and talks to its echo agent over the browser's own WebSocket.
 *
 * The host part needs the C# build:  dotnet build Tether.sln   (repository root; or TETHER_DLL)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { freePort, TetherProcess, tetherBuilt, tetherDll, TetherUser } from '../test/client/support/tether-process.js';
import { openChromiumPage, type ChromiumPage } from './chromium-page.js';
import type * as Suite from './page/client-suite.js';

type SuiteModule = typeof Suite;
const SUITE_URL = '/build/test-browser/page/client-suite.js';

let chromium: ChromiumPage;
let page: Page;

/** Calls one exported function of the client suite inside the page. */
async function inPage<K extends keyof SuiteModule>(name: K, ...args: Parameters<SuiteModule[K]>): Promise<Awaited<ReturnType<SuiteModule[K]>>> {
  return page.evaluate(
    async ([url, fn, fnArgs]) => {
      const module = (await import(url)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
      return module[fn]!(...fnArgs);
    },
    [SUITE_URL, name, args] as const,
  ) as Promise<Awaited<ReturnType<SuiteModule[K]>>>;
}

describe('the web client in headless Chromium', { timeout: 180_000 }, () => {
  before(async () => {
    chromium = await openChromiumPage();
    page = chromium.page;
  });

  after(async () => {
    await chromium?.close();
  });

  test('IndexedDB keeps non-extractable device keys that still work after a reload, and a bounded transcript', async () => {
    const report = await inPage('indexedDbStore');
    assert.equal(report.unsupported, null);
    assert.deepEqual(report.extractable, [false, false]);
    assert.deepEqual(report.exportRefused, [true, true]);
    assert.equal(report.sameKeysAfterReopen, true);
    assert.equal(report.keysStillWork, true);
    assert.deepEqual(report.hostIds, ['ab'.repeat(16)]);
    assert.equal(report.transcriptLength, 1000);
    assert.equal(report.firstKept, '6', 'the oldest five of 1,005 were dropped');
    assert.deepEqual(report.afterForget, { hosts: 0, transcript: 0, delivered: '0' });
  });

  test('pairs with the real host, typing the digits it shows, and talks to the echo agent', { skip: tetherBuilt() ? false : `the C# build is missing (${tetherDll})` }, async () => {
    const workstation = new TetherUser();
    const host = TetherProcess.start(workstation, 'run', '--agent', 'echo', '--port', String(await freePort()));
    try {
      const link = (await host.waitForLine('pairing link: ')).split('pairing link: ')[1]!.trim();
      await page.exposeFunction('typeCode', async (digits: string) => {
        await host.waitForLine('Type the 8 digits');
        host.writeLine(digits);
        await host.waitForLine('Name this device');
        host.writeLine('');
      });
      const result = await inPage('pairAndPrompt', link);
      assert.equal(result.failure, undefined);
      assert.equal(result.paired, true);
      assert.equal(result.text, 'echo: hello from chromium');
      assert.deepEqual(result.states, ['connecting', 'online']);
    } finally {
      await host.stop().catch(() => undefined);
      workstation.dispose();
    }
  });
});
