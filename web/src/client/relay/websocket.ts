/**
 * The little of the WebSocket API the relay client uses, so that Node tests can hand it a fake
 * relay and browsers their own WebSocket. The subprotocol is always `tether.relay.v1`.
 */
export interface WebSocketLike {
  binaryType: string;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketFactory = (url: string, protocol: string) => WebSocketLike;

export const RELAY_SUBPROTOCOL = 'tether.relay.v1';

/** The platform's WebSocket (browsers; Node 22, or Node 20 with --experimental-websocket). */
export const platformWebSocket: WebSocketFactory = (url, protocol) => {
  if (typeof WebSocket === 'undefined') throw new Error('this runtime has no WebSocket');
  return new WebSocket(url, protocol) as unknown as WebSocketLike;
};

/**
 * `<relay>/v1/channels/<channel id hex>` with ws/wss for http/https (§7.3). The relay URL already
 * follows §2.2 (no query, fragment or trailing slash), so the path is appended as is.
 */
export function channelUrl(relay: string, channelHex: string): string {
  const ws = relay.startsWith('https://') ? `wss://${relay.slice(8)}` : `ws://${relay.slice(relay.indexOf('://') + 3)}`;
  return `${ws}/v1/channels/${channelHex}`;
}
