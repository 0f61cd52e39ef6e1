/** Hosts and host messages the app's Chromium tests share. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { HostMessage, PairedHostInfo } from '../../src/client/api.js';
import { webRoot } from '../../test/support/paths.js';
import { after, afterEach, before } from 'node:test';
import type { Page } from 'playwright-core';
import { AppHarness, build, waitForSession, type PageOptions, type Problems } from './harness.js';
import type { ScriptConfig } from './scripted-client.js';

export const DEVBOX: PairedHostInfo = { id: 'a'.repeat(32), hostName: 'myproject on devbox', relay: 'https://relay.example', deviceName: 'Phone', pairedAt: Date.UTC(2026, 10, 20) };
export const LAPTOP: PairedHostInfo = { id: 'b'.repeat(32), hostName: 'api on laptop', relay: 'https://relay.example', deviceName: 'Phone', pairedAt: Date.UTC(2026, 10, 21) };

export const CWD = '/home/me/myproject';

type ApprovalRequest = Extract<HostMessage, { type: 'approval.request' }>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An approval request whose input_sha256 is right, `deadlineIn` ms from now. */
export function approvalRequest(id: string, tool: string, input: object, options: { summary?: string; diff?: string; deadlineIn?: number } = {}): ApprovalRequest {
  const text = JSON.stringify(input);
  return {
    type: 'approval.request',
    id,
    tool,
    input: text,
    input_sha256: sha256Hex(text),
    summary: options.summary ?? tool,
    cwd: CWD,
    deadline: Date.now() + (options.deadlineIn ?? 120_000),
    ...(options.diff === undefined ? {} : { diff: options.diff }),
  };
}

export const EDIT_DIFF = [
  '--- a/src/config.ts',
  '+++ b/src/config.ts',
  '@@ -1,4 +1,4 @@',
  ' export const config = {',
  "-  retries: 3,",
  "+  retries: 5,",
  "   timeoutMs: 30_000,",
  ' };',
].join('\n');

export interface AppSuite {
  readonly origin: string;
  /** Every path the server was asked for. */
  readonly requests: readonly string[];
  /** A fresh phone page (desktop on request) whose CSP violations and errors fail the test. */
  page(config?: ScriptConfig, options?: PageOptions): Promise<{ page: Page; problems: Problems }>;
  /** A page on DEVBOX's session screen with its session open. */
  openSession(config?: ScriptConfig): Promise<Page>;
  closePages(): Promise<void>;
}

/**
 * Hooks for one describe(): builds the test page (the app + ScriptedClient) into its own folder,
 * starts the server and Chromium, and after each test closes its pages and fails it on any CSP
 * violation, page error or console error.
 */
export function appSuite(name: string): AppSuite {
  const harness = new AppHarness();
  const watched: Problems[] = [];
  before(async () => {
    const outDir = join(webRoot, '.artifacts', `app-test-${name}`);
    await build({ entry: join(webRoot, 'test-browser', 'app', 'page', 'test-entry.ts'), outDir });
    await harness.start(outDir);
  });
  after(async () => harness.stop());
  afterEach(async () => {
    await harness.closePages();
    for (const problems of watched.splice(0)) assert.deepEqual(problems.errors, [], 'no CSP violation, page error or console error');
  });
  const suite: AppSuite = {
    get origin() {
      return harness.server.origin;
    },
    get requests() {
      return harness.server.requests;
    },
    page: async (config = {}, options = {}) => {
      const opened = await harness.page(config, options);
      watched.push(opened.problems);
      return opened;
    },
    openSession: async (config = { hosts: [DEVBOX] }) => {
      const { page } = await suite.page(config);
      await page.goto(`${harness.server.origin}/#host=${DEVBOX.id}`);
      await waitForSession(page);
      return page;
    },
    closePages: () => harness.closePages(),
  };
  return suite;
}
