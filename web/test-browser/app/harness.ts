/**
 * Shared set-up of the app's Chromium tests: the test build (the real app with a ScriptedClient,
 * built by web/scripts/build-app.mjs like dist/), a static server with the relay's CSP, and one
 * fresh phone-sized page per test that records CSP violations, page errors, console errors and dialogs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { webRoot } from '../../test/support/paths.js';
import { startAppServer, type AppServer } from './app-server.js';
import type { ConnectionState, DeviceMessage, HostMessage, PairingProgress, PairingResult, SessionEnd } from '../../src/client/api.js';
import type { ScriptConfig, ScriptedClient } from './scripted-client.js';

export const PHONE = { width: 390, height: 844 } as const;
export const screenshotDir = join(webRoot, '.artifacts', 'screenshots');

interface BuildResult {
  readonly outDir: string;
  readonly shell: readonly string[];
}
type BuildApp = (options: { entry?: string; outDir?: string }) => Promise<BuildResult>;

/** Runs web/scripts/build-app.mjs (plain JS, so it is imported by URL rather than typed). */
export async function build(options: { entry?: string; outDir?: string } = {}): Promise<BuildResult> {
  const module = (await import(pathToFileURL(join(webRoot, 'scripts', 'build-app.mjs')).href)) as { buildApp: BuildApp };
  return module.buildApp(options);
}

export interface PageOptions {
  /** A 1024x800 window with a mouse instead of a phone. */
  readonly desktop?: boolean;
  readonly dark?: boolean;
}

export interface Problems {
  readonly errors: string[];
  readonly dialogs: string[];
}

export class AppHarness {
  browser!: Browser;
  server!: AppServer;
  private contexts: BrowserContext[] = [];

  async start(root: string): Promise<void> {
    await mkdir(screenshotDir, { recursive: true });
    this.server = await startAppServer(root);
    this.browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.close();
  }

  /** A new phone page (touch, coarse pointer) with `config` for the ScriptedClient, not yet navigated. */
  async page(config: ScriptConfig = {}, options: PageOptions = {}): Promise<{ page: Page; problems: Problems }> {
    const context = await this.browser.newContext({
      viewport: options.desktop === true ? { width: 1024, height: 800 } : PHONE,
      deviceScaleFactor: 2,
      isMobile: options.desktop !== true,
      hasTouch: options.desktop !== true,
      serviceWorkers: 'block',
      colorScheme: options.dark === true ? 'dark' : 'light',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    const problems: Problems = { errors: [], dialogs: [] };
    page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.errors.push(`console: ${message.text()}`));
    page.on('dialog', (dialog) => {
      problems.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Init scripts come from the test harness (CDP), not from the page, so the CSP does not apply to them.
    await page.addInitScript((script) => {
      (window as unknown as { __tetherScript: unknown }).__tetherScript = script;
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    }, config);
    return { page, problems };
  }

  async closePages(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
  }
}

type Scripted = { tetherTest: ScriptedClient };

/** Host messages into the open session, in order. */
export function emit(page: Page, ...messages: HostMessage[]): Promise<void> {
  return page.evaluate((list) => (window as unknown as Scripted).tetherTest.emit(...list), messages);
}

export function setState(page: Page, state: ConnectionState): Promise<void> {
  return page.evaluate((s) => (window as unknown as Scripted).tetherTest.state(s), state);
}

export function endSession(page: Page, end: SessionEnd): Promise<void> {
  return page.evaluate((e) => (window as unknown as Scripted).tetherTest.end(e), end);
}

/** What the app sent through the session so far. */
export function sentMessages(page: Page): Promise<DeviceMessage[]> {
  return page.evaluate(() => (window as unknown as Scripted).tetherTest.sent);
}

export function pairCalls(page: Page): Promise<{ link: string; deviceName: string }[]> {
  return page.evaluate(() => (window as unknown as Scripted).tetherTest.pairCalls);
}

export function pairProgress(page: Page, progress: PairingProgress): Promise<void> {
  return page.evaluate((p) => (window as unknown as Scripted).tetherTest.pairProgress(p), progress);
}

export function pairFinish(page: Page, result: PairingResult): Promise<void> {
  return page.evaluate((r) => (window as unknown as Scripted).tetherTest.pairFinish(r), result);
}

/** Resolves once the app has opened its session (open() was called). */
export async function waitForSession(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Scripted).tetherTest.connected);
}
