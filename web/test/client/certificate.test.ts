import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { generateAccessKey, type AccessKey } from '../../src/client/crypto/access-key.js';
import { verifyAcceptance, type AcceptedFields } from '../../src/client/pairing/acceptance.js';
import { CERTIFICATE_LENGTH, parseCertificate } from '../../src/client/relay/certificate.js';
import { encodeBase64url } from '../../src/protocol/base64url.js';
import { toHex } from '../../src/shared/hex.js';
import { TestChannel } from './support/certificates.js';

const NOW = 1_795_000_000n;
const IN_90_DAYS = NOW + 90n * 86_400n;

let channel: TestChannel;
let device: AccessKey;

async function accepted(overrides: Partial<AcceptedFields> = {}, certificate?: Uint8Array): Promise<AcceptedFields> {
  const cert = certificate ?? (await channel.issue(device.publicKey, IN_90_DAYS));
  return { channel: toHex(channel.channelId), relay: 'https://relay.example', certificate: encodeBase64url(cert), hostName: 'workstation', ...overrides };
}

describe('device certificates and pair.accepted (docs/protocol.md §7.1, §8.3)', () => {
  before(async () => {
    channel = await TestChannel.create();
    device = await generateAccessKey();
  });

  it('accepts a certificate for this channel and this access key, and keeps its fields', async () => {
    const result = await verifyAcceptance(await accepted(), device.publicKey, NOW);
    assert.ok(result.ok);
    assert.equal(result.value.certificate.bytes.length, CERTIFICATE_LENGTH);
    assert.deepEqual(result.value.certificate.accessPublicKey, device.publicKey);
    assert.equal(result.value.certificate.notAfter, IN_90_DAYS);
    assert.deepEqual(result.value.channelId, channel.channelId);
    assert.equal(result.value.hostName, 'workstation');
  });

  it('refuses a certificate with a bad signature', async () => {
    const cert = await channel.issue(device.publicKey, IN_90_DAYS);
    cert[cert.length - 1]! ^= 1;
    assert.equal(await parseCertificate(cert), null);
    assert.deepEqual(await verifyAcceptance(await accepted({}, cert), device.publicKey, NOW), { ok: false, error: 'certificate' });
  });

  it('refuses a certificate whose signed fields were changed', async () => {
    const cert = await channel.issue(device.publicKey, IN_90_DAYS);
    cert[85]! ^= 1; // not-after
    assert.equal(await parseCertificate(cert), null);
  });

  it('refuses a certificate whose channel id does not derive from its channel key', async () => {
    const cert = await channel.issue(device.publicKey, IN_90_DAYS, new Uint8Array(16).fill(9));
    assert.equal(await parseCertificate(cert), null, 'even with a valid signature over it');
  });

  it('refuses a certificate for another channel than pair.accepted names', async () => {
    const other = await TestChannel.create();
    const cert = await other.issue(device.publicKey, IN_90_DAYS);
    assert.deepEqual(await verifyAcceptance(await accepted({}, cert), device.publicKey, NOW), { ok: false, error: 'certificate-channel' });
  });

  it('refuses a certificate that names another access key', async () => {
    const someoneElse = await generateAccessKey();
    const cert = await channel.issue(someoneElse.publicKey, IN_90_DAYS);
    assert.deepEqual(await verifyAcceptance(await accepted({}, cert), device.publicKey, NOW), { ok: false, error: 'certificate-key' });
  });

  it('refuses a lapsed certificate, not-after = now included', async () => {
    for (const notAfter of [NOW - 1n, NOW]) {
      const cert = await channel.issue(device.publicKey, notAfter);
      assert.deepEqual(await verifyAcceptance(await accepted({}, cert), device.publicKey, NOW), { ok: false, error: 'certificate-lapsed' });
    }
  });

  it('refuses a certificate of the wrong length or version, or not canonical base64url', async () => {
    const cert = await channel.issue(device.publicKey, IN_90_DAYS);
    assert.equal(await parseCertificate(cert.subarray(1)), null);
    const wrongVersion = cert.slice();
    wrongVersion[0] = 2;
    assert.equal(await parseCertificate(wrongVersion), null);
    const padded = { ...(await accepted()), certificate: `${encodeBase64url(cert)}=` };
    assert.deepEqual(await verifyAcceptance(padded, device.publicKey, NOW), { ok: false, error: 'certificate' });
  });

  it('refuses a channel that is not 32 lowercase hex, a relay URL off the grammar, and a bad host name', async () => {
    const upper = toHex(channel.channelId).toUpperCase();
    assert.deepEqual(await verifyAcceptance(await accepted({ channel: upper }), device.publicKey, NOW), { ok: false, error: 'channel' });
    for (const relay of ['http://relay.example', 'https://relay.example/', 'https://Relay.example', 'wss://relay.example']) {
      assert.deepEqual(await verifyAcceptance(await accepted({ relay }), device.publicKey, NOW), { ok: false, error: 'relay' }, relay);
    }
    for (const hostName of ['', '   ', 'a\u202ebc', 'tab\there', 'x'.repeat(65)]) {
      assert.deepEqual(await verifyAcceptance(await accepted({ hostName }), device.publicKey, NOW), { ok: false, error: 'host-name' }, JSON.stringify(hostName));
    }
  });
});
