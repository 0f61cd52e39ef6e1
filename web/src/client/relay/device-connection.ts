import type { Bytes } from '../../shared/bytes.js';
import { toHex } from '../../shared/hex.js';
import type { Clock } from '../clock.js';
import type { ClientLog } from '../log.js';
import { deviceProofHello, tokenHello } from './credentials.js';
import { RelayConnection, type ConnectionHandlers } from './relay-connection.js';
import type { TokenSlot } from './token-slot.js';
import { channelUrl, type WebSocketFactory } from './websocket.js';

/** What a paired device proves itself with (§7.3, kind 3). */
export interface DeviceCredential {
  readonly channelId: Bytes;
  readonly certificate: Bytes;
  readonly accessKey: CryptoKey;
}

/** Everything a device connection to its host's channel needs. */
export interface DeviceConnectionContext {
  readonly relay: string;
  readonly credential: DeviceCredential;
  readonly token: TokenSlot;
  readonly clock: Clock;
  readonly webSocket: WebSocketFactory;
  readonly log: ClientLog;
}

/**
 * Opens one device connection to the host's channel, proving itself with the saved token while it
 * has more than a minute left, else with the certificate and a fresh signature. Returns whether the
 * token was used: a refused token is dropped and the next attempt proves.
 */
export function openDeviceConnection(context: DeviceConnectionContext, handlers: ConnectionHandlers): { connection: RelayConnection; usedToken: boolean } {
  const { clock, credential } = context;
  const saved = context.token.usable(clock);
  const hello = (nonce: Bytes): Promise<Bytes> =>
    saved !== null ? Promise.resolve(tokenHello(saved)) : deviceProofHello(credential.certificate, credential.accessKey, credential.channelId, nonce);
  const url = channelUrl(context.relay, toHex(credential.channelId));
  return { connection: RelayConnection.open(url, context.webSocket, clock, hello, handlers, context.log), usedToken: saved !== null };
}
