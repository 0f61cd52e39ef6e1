import { HandshakeState } from '../../noise/handshake-state.js';
import type { Transport } from '../../noise/transport.js';
import { parsePairingLink } from '../../protocol/pairing-link.js';
import type { PairingLinkFields } from '../../protocol/pairing-payload.js';
import { computeSas } from '../../protocol/sas.js';
import { concatBytes } from '../../shared/bytes.js';
import { toHex } from '../../shared/hex.js';
import type { PairedHostInfo, PairingProgress, PairingResult } from '../api.js';
import { nowSeconds, type Clock } from '../clock.js';
import { derivePairingAccessCode } from '../crypto/digests.js';
import { MAX_CODE_ATTEMPTS, PAIRING_EXPIRY_GRACE_MS, PAIRING_REPLY_TIMEOUT_MS } from '../limits.js';
import type { ClientLog } from '../log.js';
import { pairingHello } from '../relay/credentials.js';
import { channelUrl, type WebSocketFactory } from '../relay/websocket.js';
import { toPairedHostInfo, type ClientStore, type DeviceIdentity, type HostRecord } from '../storage/store.js';
import { describeAcceptanceError, verifyAcceptance } from './acceptance.js';
import { isValidName } from './names.js';
import { encodePairingHello } from './pairing-hello.js';
import { decodeHostPairingMessage, encodePairStored, type HostPairingMessage, type RejectReason } from './pairing-messages.js';
import { PairingChannel, PairingStop, stop } from './pairing-channel.js';

export interface PairOptions {
  readonly link: string;
  readonly deviceName: string;
  readonly progress: (p: PairingProgress) => void;
  readonly signal: AbortSignal | undefined;
  readonly identity: () => Promise<DeviceIdentity>;
  readonly store: ClientStore;
  readonly clock: Clock;
  readonly webSocket: WebSocketFactory;
  readonly log: ClientLog;
}

const PAIRING_PROTOCOL = 'Noise_IKpsk2_25519_AESGCM_SHA256';
const PAIRING_LABEL = new TextEncoder().encode('tether/1 pairing');

/**
 * The device's side of pairing (docs/protocol.md §8), as PairingDevice in C#: refuse an expired
 * link → connect as `pairing` with the access code → IKpsk2 message 1 carrying the pairing hello,
 * pinning the link's host key → message 2 → the SAS → pair.retry* → pair.accepted (verified) →
 * store → pair.stored → pair.done. Nothing is stored before pair.accepted verified; a pairing stored
 * but not confirmed with pair.done is removed again (§8.4).
 */
export async function pairDevice(o: PairOptions): Promise<PairingResult> {
  const parsed = parsePairingLink(o.link.trim(), nowSeconds(o.clock));
  if (!parsed.ok) {
    return parsed.error === 'expired'
      ? failure('link-expired', 'The pairing link has expired; make a new one on the workstation.')
      : failure('link-invalid', 'This is not a valid Tether pairing link.');
  }
  const link = parsed.value;
  if (!isValidName(o.deviceName)) {
    link.psk.wipe();
    return failure('protocol', 'A device name is 1 to 64 bytes, not only spaces, without control or text-direction characters.');
  }
  let channel: PairingChannel | null = null;
  let stored: string | null = null;
  try {
    o.progress({ stage: 'connecting' });
    const identity = await o.identity();
    const handshake = await startHandshake(link, identity);
    const message1 = await handshake.writeMessage(encodePairingHello(identity.access.publicKey, o.deviceName));
    const access = await accessCode(link);
    channel = new PairingChannel(channelUrl(link.relayUrl, toHex(link.channelId)), async () => pairingHello(access), o.webSocket, o.clock, o.log, o.signal);
    await channel.welcomed(PAIRING_REPLY_TIMEOUT_MS);
    channel.send(message1);
    const transport = await finishHandshake(handshake, await channel.receive(PAIRING_REPLY_TIMEOUT_MS));
    const digits = await computeSas(transport.handshakeHash);
    o.progress({ stage: 'code', digits });

    const accepted = await awaitVerdict(channel, transport, link, digits, o);
    const grant = await verifyAcceptance(accepted, identity.access.publicKey, nowSeconds(o.clock));
    if (!grant.ok) throw stop('protocol', describeAcceptanceError(grant.error));
    o.progress({ stage: 'saving' });
    const record: HostRecord = {
      id: toHex(grant.value.channelId),
      hostName: grant.value.hostName,
      relay: grant.value.relay,
      deviceName: o.deviceName,
      pairedAt: o.clock.now(),
      hostStaticKey: link.hostStaticKey,
      channelId: grant.value.channelId,
      certificate: grant.value.certificate.bytes,
    };
    try {
      await o.store.putHost(record);
    } catch {
      throw stop('storage', 'This browser could not save the pairing.');
    }
    stored = record.id;
    channel.send(await transport.encrypt(encodePairStored()));
    const done = await receiveMessage(channel, transport, PAIRING_REPLY_TIMEOUT_MS);
    if (done.type !== 'pair.done') throw stop('protocol', `The workstation sent ${done.type} instead of pair.done.`);
    stored = null;
    return { ok: true, host: toPairedHostInfo(record) };
  } catch (error) {
    if (stored !== null) {
      // Unconfirmed (§8.4): the host may not have this device, and its sessions would be refused.
      await o.store.deleteHost(stored).catch(() => undefined);
    }
    if (error instanceof PairingStop) return { ok: false, failure: error.failure };
    o.log.warn(`pairing failed: ${error instanceof Error ? error.name : 'error'}`);
    return failure('protocol', 'Pairing failed on this device.');
  } finally {
    link.psk.wipe();
    channel?.close();
  }
}

async function startHandshake(link: PairingLinkFields, identity: DeviceIdentity): Promise<HandshakeState> {
  const psk = link.psk.exposeBytes();
  try {
    return await HandshakeState.create({
      protocol: PAIRING_PROTOCOL,
      initiator: true,
      prologue: concatBytes(PAIRING_LABEL, link.channelId),
      staticKeyPair: identity.noise,
      remoteStaticKey: link.hostStaticKey,
      psks: [psk],
    });
  } finally {
    psk.fill(0);
  }
}

async function accessCode(link: PairingLinkFields): Promise<Uint8Array> {
  const psk = link.psk.exposeBytes();
  try {
    return await derivePairingAccessCode(psk);
  } finally {
    psk.fill(0);
  }
}

async function finishHandshake(handshake: HandshakeState, message2: Uint8Array): Promise<Transport> {
  let payload: Uint8Array;
  try {
    payload = await handshake.readMessage(message2);
  } catch {
    throw stop('protocol', "The workstation's handshake reply did not verify: the link does not belong to it, or the relay tampered with it.");
  }
  // §8.1: message 2's payload is empty; anything else is not our host's implementation.
  if (payload.length !== 0) throw stop('protocol', "The workstation's handshake reply carried an unexpected payload.");
  return handshake.split();
}

/** pair.retry (shown) until pair.accepted, which it returns, or pair.rejected; the user may take until the link expires. */
async function awaitVerdict(channel: PairingChannel, transport: Transport, link: PairingLinkFields, digits: string, o: PairOptions): Promise<Extract<HostPairingMessage, { type: 'pair.accepted' }>> {
  const until = Number(link.expiry) * 1000 + PAIRING_EXPIRY_GRACE_MS;
  let expectedLeft = MAX_CODE_ATTEMPTS - 1;
  for (;;) {
    const message = await receiveMessage(channel, transport, Math.max(until - o.clock.now(), PAIRING_EXPIRY_GRACE_MS));
    if (message.type === 'pair.accepted') return message;
    if (message.type === 'pair.rejected') throw rejected(message.reason);
    if (message.type === 'pair.retry' && message.attemptsLeft === expectedLeft) {
      o.progress({ stage: 'retry', digits, attemptsLeft: expectedLeft });
      expectedLeft--;
      continue;
    }
    throw stop('protocol', `The workstation sent ${message.type} out of order.`);
  }
}

async function receiveMessage(channel: PairingChannel, transport: Transport, timeoutMs: number): Promise<HostPairingMessage> {
  const ciphertext = await channel.receive(timeoutMs);
  let plaintext: Uint8Array;
  try {
    plaintext = await transport.decrypt(ciphertext);
  } catch {
    throw stop('protocol', 'A message from the workstation did not decrypt; the relay may have tampered with it.');
  }
  const message = decodeHostPairingMessage(plaintext);
  if (message === null) throw stop('protocol', 'A message from the workstation is not a valid pairing message.');
  return message;
}

function rejected(reason: RejectReason): PairingStop {
  switch (reason) {
    case 'wrong-code':
      return stop('wrong-code', 'The code was typed wrong three times; the link is burnt. Make a new one on the workstation.');
    case 'expired':
      return stop('expired', 'The pairing link expired on the workstation.');
    case 'cancelled':
      return stop('cancelled', 'Pairing was cancelled on the workstation.');
    default:
      return stop('rejected', 'The workstation ended pairing with an error.');
  }
}

function failure(code: Parameters<typeof stop>[0], message: string): PairingResult {
  return { ok: false, failure: { code, message } };
}
