import type { WebSocketFactory, WebSocketLike } from '../../../src/client/relay/websocket.js';

/** A WebSocket whose relay side the test plays: it opens, sends frames and closes when told. */
export class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  readonly sent: Uint8Array[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onclose: ((event: { readonly code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string, readonly protocol: string) {}

  send(data: Uint8Array): void {
    if (this.closedWith !== null) throw new Error('closed');
    this.sent.push(new Uint8Array(data));
  }

  close(code = 1000): void {
    this.closedWith ??= code;
  }

  open(): void {
    this.onopen?.({});
  }

  receive(frame: Uint8Array | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : frame.slice().buffer });
  }

  /** The relay closes the connection with `code`. */
  serverClose(code: number): void {
    this.closedWith ??= code;
    this.onclose?.({ code });
  }
}

/** A factory that keeps every socket it made. */
export function fakeSockets(): { factory: WebSocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (url, protocol) => {
      const socket = new FakeSocket(url, protocol);
      sockets.push(socket);
      return socket;
    },
  };
}
