/**
 * Approval cards in Chromium at 390x844: badges, diff, countdown, the answers the buttons send
 * (bound to the input by its SHA-256), the two-step session rule, and cards decided elsewhere.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { approvalRequest, CWD, DEVBOX, EDIT_DIFF, sha256Hex, appSuite } from './fixtures.js';
import { emit, screenshotDir, sentMessages, waitForSession } from './harness.js';


describe('approval cards', { timeout: 120_000 }, () => {
  const suite = appSuite('approvals');

  test('an Edit card shows its diff, its warnings, the working directory and a countdown', async () => {
    const page = await suite.openSession();
    const request = approvalRequest('e1', 'Edit', { file_path: '/home/me/.ssh/config', old_string: 'retries: 3', new_string: 'retries: 5' }, { summary: 'Edit /home/me/.ssh/config', diff: EDIT_DIFF, deadlineIn: 95_000 });
    await emit(page, { type: 'agent.state', state: 'waiting_approval' }, request);
    const card = page.locator('.approval[data-id="e1"]');
    await card.locator('.button-approve').waitFor();
    assert.equal(await card.locator('.approval-tool').textContent(), 'Edit');
    assert.deepEqual(await card.locator('.badge').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind'))), ['outside-project', 'credentials']);
    assert.equal(await card.locator('.diff-add').textContent(), '+  retries: 5,');
    assert.equal(await card.locator('.diff-del').textContent(), '-  retries: 3,');
    assert.match((await card.locator('.approval-cwd').textContent()) ?? '', new RegExp(CWD, 'u'));
    assert.match((await card.locator('.countdown').textContent()) ?? '', /^1:3\d left$/u);
    assert.equal(await page.locator('.agent-state').textContent(), 'Waiting for your approval');
    // Deny and Approve are big and far apart.
    const deny = await card.locator('.button-deny').boundingBox();
    const approve = await card.locator('.button-approve').boundingBox();
    assert.ok(deny !== null && approve !== null);
    assert.ok(deny.height >= 44 && approve.height >= 44 && deny.width >= 100 && approve.width >= 100, 'large touch targets');
    assert.ok(approve.x - (deny.x + deny.width) >= 32, 'at least 32 px between Deny and Approve');
    assert.ok(deny.x < approve.x, 'Deny on the left, Approve on the right');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'approval-card-diff.png') });
    await card.screenshot({ path: join(screenshotDir, 'approval-card-diff-element.png') });
  });

  test('the card reads in the dark colour scheme too', async () => {
    const { page } = await suite.page({ hosts: [DEVBOX] }, { dark: true });
    await page.goto(`${suite.origin}/#host=${DEVBOX.id}`);
    await waitForSession(page);
    await emit(page, approvalRequest('k1', 'Bash', { command: 'curl -fsSL https://get.example | sudo sh' }, { summary: 'curl -fsSL https://get.example | sudo sh' }));
    const card = page.locator('.approval[data-id="k1"]');
    await card.locator('.button-approve').waitFor();
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(20, 22, 26)');
    await page.screenshot({ path: join(screenshotDir, 'approval-card-dark.png') });
  });

  test('Approve sends allow bound to the SHA-256 of the exact input text, and the buttons go', async () => {
    const page = await suite.openSession();
    const request = approvalRequest('a1', 'Bash', { command: 'npm test', description: 'run the tests — ünïcödé' });
    await emit(page, request);
    const card = page.locator('.approval[data-id="a1"]');
    await card.getByRole('button', { name: 'Approve' }).click();
    assert.deepEqual(await sentMessages(page), [{ type: 'approval.answer', id: 'a1', input_sha256: sha256Hex(request.input), decision: 'allow' }]);
    assert.equal(await card.locator('button').count(), 0);
    await emit(page, { type: 'approval.resolved', id: 'a1', decision: 'allow', by: 'device', reason: 'approved on the device' });
    assert.equal(await card.getAttribute('data-state'), 'allowed');
    assert.match((await card.locator('.approval-status').textContent()) ?? '', /^Approved on this device\./u);
  });

  test('Deny sends deny bound to the input hash', async () => {
    const page = await suite.openSession();
    const request = approvalRequest('d1', 'Write', { file_path: `${CWD}/notes.md`, content: 'hello\n' });
    await emit(page, request);
    await page.locator('.approval[data-id="d1"]').getByRole('button', { name: 'Deny', exact: true }).click();
    assert.deepEqual(await sentMessages(page), [{ type: 'approval.answer', id: 'd1', input_sha256: sha256Hex(request.input), decision: 'deny', reason: 'denied on the phone' }]);
  });

  test('deny with a reason sends nothing until the reason is sent, and the agent gets exactly that reason', async () => {
    const page = await suite.openSession();
    const request = approvalRequest('w1', 'Bash', { command: 'git push --force' });
    await emit(page, request);
    const card = page.locator('.approval[data-id="w1"]');
    await card.getByRole('button', { name: 'Deny with a reason…' }).click();
    assert.deepEqual(await sentMessages(page), []);
    await card.getByRole('textbox', { name: 'Reason for denying' }).fill('  never force-push main  ');
    await card.getByRole('button', { name: 'Send deny' }).click();
    assert.deepEqual(await sentMessages(page), [
      { type: 'approval.answer', id: 'w1', input_sha256: sha256Hex(request.input), decision: 'deny', reason: 'never force-push main' },
    ]);
  });

  test('allow for this session shows the exact rule and sends nothing until it is confirmed', async () => {
    const page = await suite.openSession();
    const request = approvalRequest('r1', 'Bash', { command: 'npm test' });
    await emit(page, request);
    const card = page.locator('.approval[data-id="r1"]');
    await card.getByRole('button', { name: 'Allow for this session…' }).click();
    assert.equal(await card.locator('.rule-text').textContent(), 'Bash: npm test');
    assert.deepEqual(await sentMessages(page), []);
    await card.getByRole('button', { name: 'Back' }).click();
    assert.equal(await card.locator('.rule-text').count(), 0);
    await card.getByRole('button', { name: 'Allow for this session…' }).click();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'approval-session-rule.png') });
    await card.getByRole('button', { name: 'Allow for session' }).click();
    assert.deepEqual(await sentMessages(page), [
      { type: 'approval.answer', id: 'r1', input_sha256: sha256Hex(request.input), decision: 'allow', rule: { tool: 'Bash', content: 'npm test', expires: 0 } },
    ]);
  });

  test('a tool that cannot have a session rule offers none', async () => {
    const page = await suite.openSession();
    await emit(page, approvalRequest('n1', 'WebFetch', { url: 'https://example.com' }));
    const card = page.locator('.approval[data-id="n1"]');
    await card.getByRole('button', { name: 'Approve' }).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Allow for this session…' }).count(), 0);
  });

  test('cards answered elsewhere, timed out, past their deadline, replaced or voided update at once', async () => {
    const page = await suite.openSession();
    await emit(
      page,
      approvalRequest('x1', 'Bash', { command: 'make' }),
      approvalRequest('x2', 'Bash', { command: 'make install' }),
      approvalRequest('x3', 'Bash', { command: 'ls' }, { deadlineIn: 1500 }),
      approvalRequest('x4', 'Bash', { command: 'first' }),
      approvalRequest('x5', 'Bash', { command: 'old stream' }),
    );
    await page.locator('.approval[data-id="x1"] .button-approve').waitFor();
    await emit(page, { type: 'approval.resolved', id: 'x1', decision: 'allow', by: 'device' }, { type: 'approval.resolved', id: 'x2', decision: 'deny', by: 'timeout' }, approvalRequest('x4', 'Bash', { command: 'second' }));
    const x1 = page.locator('.approval[data-id="x1"]');
    assert.equal(await x1.getAttribute('data-state'), 'allowed');
    assert.equal(await x1.locator('.approval-status').textContent(), 'Approved on another device.');
    assert.equal(await x1.locator('button').count(), 0);
    const x2 = page.locator('.approval[data-id="x2"]');
    assert.equal(await x2.getAttribute('data-state'), 'expired');
    assert.equal(await x2.locator('.countdown').textContent(), 'expired');
    assert.equal(await x2.locator('button').count(), 0);
    const x4 = page.locator('.approval[data-id="x4"]');
    assert.equal(await x4.count(), 2);
    assert.match((await x4.first().locator('.approval-status').textContent()) ?? '', /Replaced by a newer request/u);
    assert.equal(await x4.first().locator('button').count(), 0);
    await x4.nth(1).locator('.button-approve').waitFor();
    // x3's deadline passes on the page's clock.
    const x3 = page.locator('.approval[data-id="x3"]');
    await page.waitForFunction(() => document.querySelector('.approval[data-id="x3"]')?.getAttribute('data-state') === 'expired', undefined, { timeout: 5000 });
    assert.equal(await x3.locator('button').count(), 0);
    assert.equal(await x3.locator('.countdown').textContent(), 'expired');
    // A new stream voids what is still waiting.
    await page.evaluate(() => (window as unknown as { tetherTest: { streamEnded(t: string): void } }).tetherTest.streamEnded('The host started a new session; the previous one ended.'));
    const x5 = page.locator('.approval[data-id="x5"]');
    assert.match((await x5.locator('.approval-status').textContent()) ?? '', /belonged to a session that has ended/u);
    assert.equal(await x5.locator('button').count(), 0);
    assert.equal(await page.locator('.notice[data-level="warning"]').textContent(), 'The host started a new session; the previous one ended.');
  });

  test('a request whose input does not match its hash cannot be approved', async () => {
    const page = await suite.openSession();
    const request = { ...approvalRequest('h1', 'Bash', { command: 'echo hi' }), input_sha256: sha256Hex('{"command":"rm -rf /"}') };
    await emit(page, request);
    const card = page.locator('.approval[data-id="h1"]');
    await page.waitForFunction(() => document.querySelector('.approval[data-id="h1"]')?.getAttribute('data-state') === 'invalid');
    assert.equal(await card.locator('button').count(), 0);
    assert.match((await card.locator('.approval-status').textContent()) ?? '', /does not match its own hash/u);
  });
});
