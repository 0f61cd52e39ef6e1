import { generateAccessKey, signP1363, type AccessKey } from '../../../src/client/crypto/access-key.js';
import { deriveChannelId, LABEL } from '../../../src/client/crypto/digests.js';
import { concatBytes, type Bytes } from '../../../src/shared/bytes.js';

/** A channel key as a host holds it, to issue certificates in tests (the C# DeviceCertificate.Issue layout). */
export class TestChannel {
  private constructor(readonly key: AccessKey, readonly channelId: Bytes) {}

  static async create(): Promise<TestChannel> {
    const key = await generateAccessKey();
    return new TestChannel(key, await deriveChannelId(key.publicKey));
  }

  async issue(accessPublicKey: Uint8Array, notAfter: bigint, channelId: Uint8Array = this.channelId): Promise<Bytes> {
    const body = new Uint8Array(155);
    body[0] = 1;
    body.set(channelId, 1);
    body.set(accessPublicKey, 17);
    new DataView(body.buffer).setBigUint64(82, notAfter, false);
    body.set(this.key.publicKey, 90);
    return concatBytes(body, await signP1363(this.key.privateKey, concatBytes(LABEL.deviceCertificate, body)));
  }
}
