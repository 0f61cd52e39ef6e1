import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PairingFailure } from '../../src/client/api.js';
import { attemptsLeftText, failureTitle, groupDigits, needsNewLink } from '../../src/app/pairing-text.js';
import { basePath, checkPastedLink, parseRoute, routeUrl } from '../../src/app/route.js';
import { agentStateLabel, connectionBanner, connectionLabel, endedTitle, formatSize, turnFootnote } from '../../src/app/session-text.js';

const ID = '0123456789abcdef0123456789abcdef';

describe('routes', () => {
  const cases: [string, string, ReturnType<typeof parseRoute>][] = [
    ['/', '', { kind: 'start' }],
    ['/pair', '#AQID', { kind: 'pair', payload: 'AQID' }],
    ['/tether/pair', '#AQID', { kind: 'pair', payload: 'AQID' }],
    ['/pair', '', { kind: 'pair', payload: '' }],
    ['/', `#host=${ID}`, { kind: 'session', hostId: ID }],
    ['/', '#host=../../etc', { kind: 'start' }],
    ['/', `#host=${ID.toUpperCase()}`, { kind: 'start' }],
  ];
  for (const [path, hash, route] of cases) test(`${path}${hash} is the ${route.kind} screen`, () => assert.deepEqual(parseRoute(path, hash), route));

  test('the base path keeps a relay path prefix', () => {
    assert.equal(basePath('/pair'), '/');
    assert.equal(basePath('/tether/pair'), '/tether/');
    assert.equal(basePath('/tether/'), '/tether/');
    assert.equal(basePath('/index.html'), '/');
  });

  test('the pairing URL never carries the payload', () => {
    assert.equal(routeUrl('/', { kind: 'pair', payload: 'SECRET' }), '/pair');
    assert.equal(routeUrl('/t/', { kind: 'session', hostId: ID }), `/t/#host=${ID}`);
  });

  test('a pasted link must be a pairing link of this relay', () => {
    assert.deepEqual(checkPastedLink(' https://r.example/pair#AQID \n', 'https://r.example', '/'), { ok: true, link: 'https://r.example/pair#AQID' });
    assert.equal(checkPastedLink('https://other.example/pair#AQID', 'https://r.example', '/').ok, false);
    assert.equal(checkPastedLink('https://r.example/pair#', 'https://r.example', '/').ok, false);
    assert.equal(checkPastedLink('hello', 'https://r.example', '/').ok, false);
    assert.equal(checkPastedLink('https://r.example/tether/pair#AQID', 'https://r.example', '/tether/').ok, true);
  });
});

describe('pairing sentences', () => {
  test('eight digits are shown in two groups of four', () => {
    assert.equal(groupDigits('48213907'), '4821 3907');
    assert.equal(groupDigits('123'), '123');
  });
  test('attempts left are counted in words', () => {
    assert.equal(attemptsLeftText(1), '1 attempt left.');
    assert.equal(attemptsLeftText(2), '2 attempts left.');
  });
  const codes: PairingFailure['code'][] = ['link-invalid', 'link-expired', 'refused', 'wrong-code', 'expired', 'cancelled', 'rejected', 'protocol', 'connection-lost', 'timeout', 'storage', 'unsupported'];
  test('every failure code has its own sentence', () => {
    const titles = codes.map(failureTitle);
    assert.equal(new Set(titles).size, codes.length);
    for (const title of titles) assert.match(title, /^[A-Z].*\.$/u);
    assert.equal(needsNewLink('wrong-code'), true);
    assert.equal(needsNewLink('storage'), false);
  });
});

describe('session sentences', () => {
  test('connecting after having been online reads as reconnecting', () => {
    assert.equal(connectionLabel('connecting', false), 'Connecting…');
    assert.equal(connectionLabel('connecting', true), 'Reconnecting…');
    assert.equal(connectionBanner('connecting', false), null);
    assert.match(connectionBanner('connecting', true) ?? '', /reconnecting/u);
    assert.equal(connectionBanner('online', true), null);
    assert.match(connectionBanner('host-offline', true) ?? '', /host is offline/u);
  });
  test('a revoked device is told which host removed it', () => {
    assert.equal(endedTitle({ reason: 'revoked', message: '' }, 'p on box'), 'This device was removed from p on box.');
  });
  test('agent states, turn footnotes and sizes read naturally', () => {
    assert.equal(agentStateLabel('waiting_approval'), 'Waiting for your approval');
    assert.equal(turnFootnote(850, undefined), '850 ms');
    assert.equal(turnFootnote(3240, 0.5), '3.2 s · $0.5000');
    assert.equal(formatSize(812), '812 bytes');
    assert.equal(formatSize(14_540), '14.2 KB');
  });
});
