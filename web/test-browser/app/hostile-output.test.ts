/**
 * Untrusted text stays text: agent output, tool results, approval fields, notices and names that
 * carry HTML or a javascript: link are shown literally, nothing runs, and no element is made from them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appSuite, approvalRequest, DEVBOX } from './fixtures.js';
import { emit, waitForSession } from './harness.js';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const LINK = '[x](javascript:window.__pwned=3)';
const HOSTILE = `${IMG} ${SCRIPT} ${LINK} <a href="javascript:alert(1)">y</a> <svg onload="alert(1)"></svg> <iframe src="javascript:alert(1)"></iframe>`;

describe('hostile output', { timeout: 120_000 }, () => {
  const suite = appSuite('hostile');

  test('HTML and javascript: links in every host field are shown as text and nothing executes', async () => {
    const hostile = { ...DEVBOX, hostName: `evil ${IMG}`, deviceName: SCRIPT };
    const { page, problems } = await suite.page({ hosts: [hostile], presence: { [DEVBOX.id]: 'online' } });
    await page.goto(`${suite.origin}/`);
    await page.locator('.presence[data-presence="online"]').waitFor();
    await page.locator('.host-open').click();
    await waitForSession(page);
    await emit(
      page,
      { type: 'session.info', project: SCRIPT, host: `evil ${IMG}`, agent: SCRIPT, device: IMG },
      { type: 'agent.text', turn: 1, text: `${HOSTILE}\n\n**${IMG}** \`${SCRIPT}\`\n\n- ${LINK}\n\n\`\`\`html\n${HOSTILE}\n\`\`\`\n\n<javascript:alert(1)> [ok](data:text/html,<script>alert(1)</script>)` },
      { type: 'tool.call', turn: 1, id: 't1', tool: SCRIPT, input: '{}', summary: IMG },
      { type: 'tool.result', id: 't1', text: HOSTILE, size: 10, truncated: false, is_error: false },
      approvalRequest('a1', 'Bash', { command: HOSTILE }, { summary: HOSTILE, diff: `+${HOSTILE}\n-${SCRIPT}` }),
      { type: 'approval.resolved', id: 'a1', decision: 'deny', by: 'device', reason: HOSTILE },
      { type: 'notice', level: 'error', text: HOSTILE },
      { type: 'turn.result', turn: 1, outcome: 'error', duration_ms: 1, error: HOSTILE },
      { type: 'agent.exit', reason: HOSTILE },
      { type: 'session.rules', rules: [{ tool: 'Bash', content: HOSTILE, expires: 0 }] },
    );
    await page.locator('.tool summary').click();
    await page.waitForTimeout(300); // let an onerror or a script run, if anything had made one

    const app = page.locator('#app');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no payload ran');
    assert.deepEqual(problems.dialogs, [], 'no dialog opened');
    assert.equal(await app.locator('img, script, iframe, svg, object, embed').count(), 0, 'no element made from the payload');
    assert.equal(await page.locator('script').count(), 1, 'only the bundle is a script');
    const hrefs = await app.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, [], 'no anchor: none of the links was http(s)');
    const text = (await app.textContent()) ?? '';
    assert.ok(text.includes(IMG) && text.includes(SCRIPT) && text.includes(LINK), 'the payload is visible as text');
    assert.ok(text.includes('<javascript:alert(1)>'));
    assert.ok(text.includes('[ok](data:text/html,<script>alert(1)</script>)'));
    const attributes = await page.evaluate(() => Array.from(document.querySelectorAll("#app *")).flatMap((node) => Array.from(node.attributes).map((a) => a.name)).filter((name) => name.startsWith('on') || name === 'style'));
    assert.deepEqual(attributes, [], 'no event handler or style attribute anywhere');
  });
});
