/**
 * The connection's life on screen: the offline and host-offline banners, reconnecting, and the
 * full-screen message when a session ends for good (revoked, superseded, host unreachable).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEVBOX, appSuite } from './fixtures.js';
import { emit, endSession, screenshotDir, sentMessages, setState, waitForSession } from './harness.js';


describe('the connection on screen', { timeout: 120_000 }, () => {
  const suite = appSuite('connection');

  test('offline, host offline and reconnecting each show a banner, and online hides it', async () => {
    const page = await suite.openSession();
    const banner = page.locator('.banner');
    assert.equal(await banner.isVisible(), false);
    await setState(page, 'online');
    await emit(page, { type: 'agent.text', turn: 1, text: 'Working on it.' });
    assert.equal(await banner.isVisible(), false);
    await setState(page, 'connecting');
    assert.match((await banner.textContent()) ?? '', /reconnecting/u);
    assert.equal(await page.locator('.connection').textContent(), 'Reconnecting…');
    await setState(page, 'host-offline');
    assert.match((await banner.textContent()) ?? '', /The host is offline/u);
    await setState(page, 'offline');
    assert.match((await banner.textContent()) ?? '', /You are offline/u);
    assert.equal(await page.locator('.connection').textContent(), 'Offline');
    await page.screenshot({ path: join(screenshotDir, 'offline-banner.png') });
    // Prompts are still accepted: the client queues them until the session is back.
    await page.getByLabel('Prompt').fill('continue');
    await page.getByRole('button', { name: 'Send' }).click();
    assert.deepEqual(await sentMessages(page), [{ type: 'prompt', text: 'continue' }]);
    await setState(page, 'online');
    assert.equal(await banner.isVisible(), false);
  });

  test('a revoked device sees a full-screen message naming the host, and the prompt box is off', async () => {
    const page = await suite.openSession();
    await endSession(page, { reason: 'revoked', message: 'The host revoked this device.' });
    const ended = page.getByRole('alertdialog');
    assert.equal(await ended.locator('h2').textContent(), `This device was removed from ${DEVBOX.hostName}.`);
    assert.equal(await ended.getAttribute('data-reason'), 'revoked');
    assert.equal(await page.getByLabel('Prompt').isDisabled(), true);
    await page.screenshot({ path: join(screenshotDir, 'session-ended-revoked.png') });
    await ended.getByRole('button', { name: 'Back to hosts' }).click();
    assert.equal(new URL(page.url()).hash, '');
  });

  test('superseded and host-unreachable endings each say what happened', async () => {
    for (const [reason, title] of [
      ['superseded', 'Another connection took over this session.'],
      ['host-unreachable', `${DEVBOX.hostName} could not be reached for too long; the session ended.`],
    ] as const) {
      const page = await suite.openSession();
      await endSession(page, { reason, message: 'details' });
      assert.equal(await page.getByRole('alertdialog').locator('h2').textContent(), title);
      await suite.closePages();
    }
  });

  test('leaving the session screen closes the session', async () => {
    const page = await suite.openSession();
    await page.getByRole('button', { name: 'Back to hosts' }).click();
    assert.equal(await page.evaluate(() => (window as unknown as { tetherTest: { closed: number } }).tetherTest.closed), 1);
  });
});
