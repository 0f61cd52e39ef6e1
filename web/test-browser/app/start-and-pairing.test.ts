/**
 * The start screen (paired hosts, presence, how to pair) and the pairing screen: the fragment is
 * read once and wiped from the address bar, the 8 digits are shown large and grouped, wrong codes
 * say how many attempts are left, and every outcome has a sentence.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { appSuite, DEVBOX, LAPTOP, type AppSuite } from './fixtures.js';
import { pairCalls, pairFinish, pairProgress, screenshotDir } from './harness.js';

const PAYLOAD = 'AQ' + 'A'.repeat(120);

async function openPairing(suite: AppSuite): Promise<Page> {
  const { page } = await suite.page({ hosts: [] });
  await page.goto(`${suite.origin}/pair#${PAYLOAD}`);
  return page;
}

describe('the start and pairing screens', { timeout: 120_000 }, () => {
  const suite = appSuite('pairing');

  test('the start screen lists paired hosts with their presence and explains how to pair', async () => {
    const opened = await suite.page({ hosts: [DEVBOX, LAPTOP], presence: { [DEVBOX.id]: 'online', [LAPTOP.id]: 'offline' } });
    const page = opened.page;
    await page.goto(`${suite.origin}/`);
    await page.locator('.presence[data-presence="offline"]').waitFor();
    assert.deepEqual(await page.locator('.host-name').allTextContents(), [DEVBOX.hostName, LAPTOP.hostName]);
    assert.deepEqual(await page.locator('.presence').allTextContents(), ['Online', 'Offline']);
    assert.match((await page.locator('.pair-help').textContent()) ?? '', /tether pair.*QR code/su);
    await page.screenshot({ path: join(screenshotDir, 'start-screen.png') });
    await page.locator('.host-open').first().click();
    assert.equal(new URL(page.url()).hash, `#host=${DEVBOX.id}`);
  });

  test('forgetting a host asks first, then removes it from the list', async () => {
    const { page } = await suite.page({ hosts: [DEVBOX, LAPTOP] });
    await page.goto(`${suite.origin}/`);
    const laptop = page.locator('.host').filter({ hasText: LAPTOP.hostName });
    await laptop.getByRole('button', { name: 'Forget…' }).click();
    assert.match((await laptop.textContent()) ?? '', /keys for it are deleted/u);
    await laptop.getByRole('button', { name: 'Keep' }).click();
    assert.equal(await page.locator('.host').count(), 2);
    await laptop.getByRole('button', { name: 'Forget…' }).click();
    await laptop.getByRole('button', { name: 'Forget', exact: true }).click();
    await laptop.waitFor({ state: 'detached' });
    assert.deepEqual(await page.locator('.host-name').allTextContents(), [DEVBOX.hostName]);
  });

  test('a pasted link of another relay is refused with a sentence, and one of this relay opens the pairing screen', async () => {
    const opened = await suite.page({ hosts: [] });
    const page = opened.page;
    await page.goto(`${suite.origin}/`);
    await page.getByLabel('Or paste the link here:').fill(`https://other.example/pair#${PAYLOAD}`);
    await page.getByRole('button', { name: 'Pair with this link' }).click();
    assert.match((await page.locator('.field-error').textContent()) ?? '', /another relay/u);
    await page.getByLabel('Or paste the link here:').fill(`  ${suite.origin}/pair#${PAYLOAD}\n`);
    await page.getByRole('button', { name: 'Pair with this link' }).click();
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    assert.deepEqual(await pairCalls(page), [{ link: `${suite.origin}/pair#${PAYLOAD}`, deviceName: 'Phone' }]);
    assert.equal(new URL(page.url()).hash, '');
  });

  test('the pairing fragment is read, wiped from the address bar, and the code is shown large and grouped', async () => {
    const page = await openPairing(suite);
    await page.getByLabel('Name of this device (the host shows it):').waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the fragment is gone from the address bar');
    assert.equal(new URL(page.url()).pathname, '/pair');
    const stored = await page.evaluate(() => JSON.stringify([localStorage, sessionStorage, document.title, document.referrer]));
    assert.ok(!stored.includes(PAYLOAD.slice(0, 40)), 'the payload is not stored or shown anywhere');
    assert.ok(!suite.requests.some((path) => path.includes(PAYLOAD.slice(0, 40))), 'the payload never reached the server');
    assert.equal(await page.getByLabel('Name of this device (the host shows it):').inputValue(), 'Phone');
    await page.getByLabel('Name of this device (the host shows it):').fill('Ana’s phone');
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    assert.deepEqual(await pairCalls(page), [{ link: `${suite.origin}/pair#${PAYLOAD}`, deviceName: 'Ana’s phone' }]);
    assert.match((await page.locator('.lead').textContent()) ?? '', /Connecting/u);
    await pairProgress(page, { stage: 'code', digits: '48213907' });
    const sas = page.locator('.sas');
    assert.equal(await sas.textContent(), '4821 3907');
    const size = await sas.evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    assert.ok(size >= 36, `the digits are large (${size}px)`);
    await page.screenshot({ path: join(screenshotDir, 'pairing-code.png') });
    await pairProgress(page, { stage: 'retry', digits: '48213907', attemptsLeft: 2 });
    assert.match((await page.locator('.notice').textContent()) ?? '', /wrong.*2 attempts left/su);
    assert.equal(await sas.textContent(), '4821 3907');
    await pairProgress(page, { stage: 'saving' });
    await pairFinish(page, { ok: true, host: DEVBOX });
    assert.equal(await page.locator('.success').textContent(), `Paired with ${DEVBOX.hostName}.`);
    await page.getByRole('button', { name: 'Open the session' }).click();
    assert.equal(new URL(page.url()).hash, `#host=${DEVBOX.id}`);
  });

  test('every pairing failure is a clear sentence', async () => {
    const page = await openPairing(suite);
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    await pairProgress(page, { stage: 'code', digits: '12345678' });
    await pairFinish(page, { ok: false, failure: { code: 'wrong-code', message: 'The code was typed wrong three times; this link no longer works.' } });
    assert.equal(await page.locator('.failure').textContent(), 'The code was typed wrong too many times.');
    assert.match((await page.locator('.scroll').textContent()) ?? '', /three times.*run tether pair on the workstation for a new link/su);
  });

  test('a reload of the pairing page has no link left and says so', async () => {
    const page = await openPairing(suite);
    await page.reload();
    assert.match((await page.locator('.lead').textContent()) ?? '', /There is no pairing link on this page/u);
  });

  test('a browser without WebCrypto X25519 is told so plainly', async () => {
    const opened = await suite.page({ unsupported: 'This browser has no WebCrypto X25519.' });
    const page = opened.page;
    await page.goto(`${suite.origin}/pair#${PAYLOAD}`);
    assert.equal(await page.getByRole('alert').textContent(), 'This browser cannot run Tether.');
    assert.match((await page.locator('#app').textContent()) ?? '', /no WebCrypto X25519/u);
  });
});
