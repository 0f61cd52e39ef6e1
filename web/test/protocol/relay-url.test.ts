import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseRelayUrl } from '../../src/protocol/index.js';

describe('relay URL grammar (§2.2)', () => {
  it('splits an accepted URL into scheme, host, port and path', () => {
    assert.deepEqual(parseRelayUrl('https://relay.example:8443/tether/v1'), {
      ok: true,
      value: { href: 'https://relay.example:8443/tether/v1', scheme: 'https', host: 'relay.example', port: 8443, path: '/tether/v1' },
    });
    assert.deepEqual(parseRelayUrl('http://[::1]'), {
      ok: true,
      value: { href: 'http://[::1]', scheme: 'http', host: '[::1]', port: null, path: '' },
    });
  });

  const accepted = [
    'https://a',
    'https://relay.example:65535',
    'https://relay.example:1',
    'http://127.255.255.255',
    'http://localhost',
    'https://[2001:db8::192.0.2.1]',
    'https://relay.example/%zz', // the grammar allows '%' without checking the escape
    `https://relay.example/${'a'.repeat(512 - 'https://relay.example/'.length)}`,
  ];
  for (const url of accepted) {
    it(`accepts ${url.length > 60 ? `a URL of ${url.length} bytes` : url}`, () => {
      assert.equal(parseRelayUrl(url).ok, true);
    });
  }

  const refused = [
    '',
    `https://relay.example/${'a'.repeat(513 - 'https://relay.example/'.length)}`,
    'https://relay.example:99999',
    'https://relay.example:123456',
    'https://relay.example:+80',
    'https://relay_example',
    'https://relay.example-',
    'https://.relay.example',
    'https://[]',
    'https://[::1',
    'https://[::g]',
    'https://[2001:DB8::1]', // strict reading: lowercase hex only (reported as a spec question)
    'http://127.0.0.01', // strict reading: no leading zeros in the loopback address (reported)
    'http://127.0.0',
    'http://[::2]',
    'http://localhost.example',
    'https://relay.example/a b',
    'https://relay.example/a#b',
    'https://relay.example/é',
    'https:/relay.example',
    'https://relay.example?',
  ];
  for (const url of refused) {
    it(`refuses ${JSON.stringify(url.length > 60 ? `a URL of ${url.length} bytes` : url)}`, () => {
      assert.deepEqual(parseRelayUrl(url), { ok: false, error: 'relay-url' });
    });
  }
});
