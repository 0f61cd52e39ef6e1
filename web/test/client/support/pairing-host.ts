import { generateKeyPair, type KeyPair } from '../../../src/noise/dh25519.js';
import { HandshakeState } from '../../../src/noise/handshake-state.js';
import type { Transport } from '../../../src/noise/transport.js';
import { encodePairingLink } from '../../../src/protocol/pairing-link.js';
import { Psk } from '../../../src/protocol/psk.js';
import { relayFramesForTesting as relay } from '../../../src/client/relay/frames.js';
import { concatBytes, type Bytes } from '../../../src/shared/bytes.js';
import { waitFor } from './fake-clock.js';
import type { FakeSocket } from './fake-socket.js';

/**
 * The relay and the pairing host on a fake socket, for unit tests of the device's pairing flow
 * (the interop test pairs with the real C# host). Speaks IKpsk2 as the responder.
 */
export class PairingHost {
  transport: Transport | null = null;
  hello: Bytes | null = null;
  readonly channelId = new Uint8Array(16).fill(0x5a);
  readonly psk = new Uint8Array(32).fill(0x33);

  private constructor(readonly keys: KeyPair) {}

  static async create(): Promise<PairingHost> {
    return new PairingHost(await generateKeyPair());
  }

  link(expirySeconds: bigint): string {
    return encodePairingLink({ relayUrl: 'https://relay.example', channelId: this.channelId, hostStaticKey: this.keys.publicKey, psk: new Psk(this.psk), expiry: expirySeconds }, 0n);
  }

  /** CHALLENGE, HELLO, WELCOME (host online), message 1 and 2: the device then shows its code. */
  async accept(socket: FakeSocket): Promise<void> {
    socket.open();
    socket.receive(relay.challenge(new Uint8Array(32)));
    await waitFor('HELLO', () => socket.sent.length > 0);
    socket.receive(relay.welcome(3, true, 0n, null));
    await waitFor('message 1', () => socket.sent.length > 1);
    const hs = await HandshakeState.create({
      protocol: 'Noise_IKpsk2_25519_AESGCM_SHA256',
      initiator: false,
      prologue: concatBytes(new TextEncoder().encode('tether/1 pairing'), this.channelId),
      staticKeyPair: this.keys,
      psks: [this.psk],
    });
    this.hello = await hs.readMessage(socket.sent[1]!.subarray(5));
    socket.receive(relay.data(await hs.writeMessage()));
    this.transport = hs.split();
  }

  async say(socket: FakeSocket, json: string): Promise<void> {
    socket.receive(relay.data(await this.transport!.encrypt(new TextEncoder().encode(json))));
  }

  /** The next JSON message the device sent after `index` frames. */
  async heard(socket: FakeSocket, index: number): Promise<string> {
    await waitFor('a message from the device', () => socket.sent.length > index);
    return new TextDecoder().decode(await this.transport!.decrypt(socket.sent[index]!.subarray(5)));
  }
}
