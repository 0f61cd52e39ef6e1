/**
 * The session screen in Chromium at 390x844 with a scripted client: streamed Markdown, tool cards,
 * turn results, the prompt box, and a reload that shows the transcript before live messages.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appSuite, approvalRequest, DEVBOX, sha256Hex } from './fixtures.js';
import { emit, screenshotDir, sentMessages, setState, waitForSession } from './harness.js';

describe('the session screen', { timeout: 120_000 }, () => {
  const suite = appSuite('session');

  test('streamed agent text is appended to its turn and rendered as Markdown', async () => {
    const page = await suite.openSession();
    await setState(page, 'online');
    await emit(
      page,
      { type: 'session.info', project: 'myproject', host: DEVBOX.hostName, agent: 'claude', device: 'Phone' },
      { type: 'agent.state', state: 'running' },
      { type: 'agent.text', turn: 1, text: 'I will **fix** the `retries` setting.\n\n' },
      { type: 'agent.text', turn: 1, text: '1. Read the config\n2. Change it\n\n```ts\nexport const config = { retries: 5, aVeryLongPropertyNameThatShouldScrollInsideItsOwnBlockAndNeverTheWholePage: true };\n' },
      { type: 'agent.text', turn: 1, text: '```\nSee [the docs](https://example.com/docs).' },
      { type: 'tool.call', turn: 1, id: 't1', tool: 'Bash', input: '{"command":"npm test"}', summary: 'npm test' },
      { type: 'tool.result', id: 't1', text: 'PASS src/config.test.ts\n12 tests passed', size: 812, truncated: false, is_error: false },
      { type: 'tool.call', turn: 1, id: 't2', tool: 'Bash', input: '{"command":"npm run lint"}', summary: 'npm run lint' },
      { type: 'tool.result', id: 't2', text: 'error: unused variable', size: 40, truncated: true, is_error: true },
      { type: 'agent.text', turn: 1, text: 'All tests pass.' },
      { type: 'turn.result', turn: 1, outcome: 'done', duration_ms: 3200, cost_usd: 0.0123 },
      { type: 'agent.state', state: 'idle' },
      { type: 'notice', level: 'warning', text: 'A device answer did not match its request.' },
      { type: 'session.rules', rules: [{ tool: 'Bash', content: 'npm test', expires: Date.now() + 1_800_000 }] },
      { type: 'agent.exit', code: 1, reason: 'the agent crashed' },
    );
    const agent = page.locator('.msg-agent').first();
    assert.equal(await agent.locator('strong').textContent(), 'fix');
    assert.equal(await agent.locator('code.md-inline-code').textContent(), 'retries');
    assert.equal(await agent.locator('ol > li').count(), 2);
    assert.match((await agent.locator('pre.md-code').textContent()) ?? '', /retries: 5/u);
    const link = agent.locator('a');
    assert.equal(await link.getAttribute('href'), 'https://example.com/docs');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await link.getAttribute('target'), '_blank');
    // Text after a tool call starts a new block below it.
    assert.equal(await page.locator('.msg-agent').nth(1).textContent(), 'All tests pass.');
    assert.equal(await page.locator('.tool[data-state="done"] .tool-name').textContent(), 'Bash');
    assert.equal(await page.locator('.tool[data-state="error"]').count(), 1);
    assert.match((await page.locator('.turn-result').textContent()) ?? '', /Done · 3\.2 s · \$0\.0123/u);
    assert.match((await page.locator('.rules summary').textContent()) ?? '', /Session rules in force \(1\)/u);
    assert.match((await page.locator('.notice[data-level="error"]').textContent()) ?? '', /The agent stopped \(exit code 1\): the agent crashed/u);
    assert.equal(await page.locator('.session-host').textContent(), DEVBOX.hostName);
    assert.equal(await page.locator('.connection').textContent(), 'Connected');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page does not scroll sideways (scrollWidth ${width})`);
    await page.locator('.msg-agent').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'conversation.png') });
  });

  test('the prompt box sends with the Send button and shows Interrupt only while the agent works', async () => {
    const page = await suite.openSession();
    const interrupt = page.getByRole('button', { name: 'Interrupt' });
    assert.equal(await interrupt.isVisible(), false);
    await page.getByLabel('Prompt').fill('fix the tests\nplease');
    await page.keyboard.press('Enter'); // on a phone Enter is a newline
    assert.deepEqual(await sentMessages(page), []);
    await page.getByRole('button', { name: 'Send' }).click();
    assert.deepEqual(await sentMessages(page), [{ type: 'prompt', text: 'fix the tests\nplease\n' }]);
    assert.equal(await page.getByLabel('Prompt').inputValue(), '');
    assert.equal(await page.locator('.msg-user').textContent(), 'fix the tests\nplease\n');
    await emit(page, { type: 'agent.state', state: 'running' });
    await interrupt.click();
    assert.deepEqual((await sentMessages(page)).at(-1), { type: 'interrupt' });
  });

  test('on a desktop Enter sends and Shift+Enter makes a new line', async () => {
    const opened = await suite.page({ hosts: [DEVBOX] }, { desktop: true });
    const page = opened.page;
    await page.goto(`${suite.origin}/#host=${DEVBOX.id}`);
    await waitForSession(page);
    const box = page.getByLabel('Prompt');
    await box.click();
    await page.keyboard.type('one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('two');
    await page.keyboard.press('Enter');
    assert.deepEqual(await sentMessages(page), [{ type: 'prompt', text: 'one\ntwo' }]);
  });

  test('a reloaded session shows the transcript first, then the live messages', async () => {
    const transcript = [
      { type: 'session.info', project: 'myproject', host: DEVBOX.hostName, agent: 'claude', device: 'Phone' },
      { type: 'agent.text', turn: 1, text: 'Earlier answer.' },
      { type: 'turn.result', turn: 1, outcome: 'done', duration_ms: 900 },
    ] as const;
    const page = await suite.openSession({ hosts: [DEVBOX], transcripts: { [DEVBOX.id]: transcript } });
    await emit(page, { type: 'agent.text', turn: 2, text: 'Live answer.' });
    assert.deepEqual(await page.locator('.msg-agent').allTextContents(), ['Earlier answer.', 'Live answer.']);
    await page.reload();
    await waitForSession(page);
    assert.deepEqual(await page.locator('.msg-agent').allTextContents(), ['Earlier answer.']);
  });

  test('an approval request while the page is hidden raises a notification naming only the tool and the host', async () => {
    const opened = await suite.page({ hosts: [DEVBOX] });
    const page = opened.page;
    await page.addInitScript(() => {
      const shown: { title: string; body: string | undefined }[] = [];
      class RecordingNotification {
        static permission = 'granted';
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body });
        }
      }
      Object.assign(window, { Notification: RecordingNotification, shownNotifications: shown });
      Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    });
    await page.goto(`${suite.origin}/#host=${DEVBOX.id}`);
    await waitForSession(page);
    await emit(page, approvalRequest('n1', 'Bash', { command: 'cat ~/.ssh/id_rsa' }, { summary: 'cat ~/.ssh/id_rsa' }));
    const shown = await page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications);
    assert.deepEqual(shown, [{ title: 'Approval needed', body: `Bash on ${DEVBOX.hostName} waits for your answer.` }]);
  });

  test('a request still waiting in the transcript can be answered after a reload', async () => {
    const request = approvalRequest('t1', 'Bash', { command: 'npm test' });
    const page = await suite.openSession({ hosts: [DEVBOX], transcripts: { [DEVBOX.id]: [request] } });
    await page.locator('.approval[data-id="t1"]').getByRole('button', { name: 'Approve' }).click();
    assert.deepEqual(await sentMessages(page), [{ type: 'approval.answer', id: 't1', input_sha256: sha256Hex(request.input), decision: 'allow' }]);
  });

  test('a long session keeps the log bounded but never drops a card still waiting for an answer', async () => {
    const page = await suite.openSession();
    const notices = Array.from({ length: 1600 }, (_, i) => ({ type: 'notice', level: 'info', text: `line ${i}` }) as const);
    await emit(page, approvalRequest('keep', 'Bash', { command: 'make' }), ...notices);
    assert.equal(await page.locator('.log > *').count(), 1500);
    assert.equal(await page.locator('.approval[data-id="keep"]').count(), 1);
    assert.equal(await page.locator('.notice').first().textContent(), 'line 101');
  });
});
