import type { Bytes } from '../../shared/bytes.js';
import type { Clock } from '../clock.js';
import { CONNECT_TIMEOUT_MS, HELLO_TIMEOUT_MS } from '../limits.js';
import type { ClientLog } from '../log.js';
import { CLIENT_CLOSE, closeReasonFor, type CloseReason } from './close-reasons.js';
import { decodeFrame, MAX_FRAME, type RelayFrame } from './frames.js';
import { RELAY_SUBPROTOCOL, type WebSocketFactory, type WebSocketLike } from './websocket.js';

/** The HELLO frame answering a CHALLENGE nonce (a proof, a token or a pairing code). */
export type HelloSource = (nonce: Bytes) => Promise<Bytes>;

export interface Welcome {
  readonly peerId: number;
  readonly hostOnline: boolean;
  readonly expires: bigint;
  readonly token: Bytes | null;
}

/** How one connection ended. */
export interface ConnectionEnd {
  /** The relay's close reason; null for a drop, a timeout or a malformed frame. */
  readonly reason: CloseReason | null;
  readonly welcomed: boolean;
  readonly helloSent: boolean;
  /** RESTARTING's hint, when one came. */
  readonly restartAfterMs: number | null;
}

/** Frames after WELCOME that the owner acts on. */
export type WelcomedFrame = Extract<RelayFrame, { type: 'data' | 'host-online' | 'host-offline' | 'token' }>;

export interface ConnectionHandlers {
  welcome(welcome: Welcome): void;
  frame(frame: WelcomedFrame): void;
  /** Called once, last. */
  end(end: ConnectionEnd): void;
}

type Phase = 'opening' | 'challenge' | 'hello' | 'welcomed' | 'ended';

/**
 * One WebSocket to the relay, from opening to close (docs/protocol.md §7.3): answers CHALLENGE with
 * HELLO, takes WELCOME, then hands the owner every frame. A text message, a frame over 65,540 bytes
 * or one that does not parse closes it (protocol-error); so does no WELCOME within 10 s.
 */
export class RelayConnection {
  readonly #socket: WebSocketLike;
  readonly #clock: Clock;
  readonly #hello: HelloSource;
  readonly #handlers: ConnectionHandlers;
  readonly #log: ClientLog;
  #phase: Phase = 'opening';
  #timer: unknown;
  #helloSent = false;
  #restartAfterMs: number | null = null;

  private constructor(socket: WebSocketLike, clock: Clock, hello: HelloSource, handlers: ConnectionHandlers, log: ClientLog) {
    this.#socket = socket;
    this.#clock = clock;
    this.#hello = hello;
    this.#handlers = handlers;
    this.#log = log;
  }

  static open(url: string, webSocket: WebSocketFactory, clock: Clock, hello: HelloSource, handlers: ConnectionHandlers, log: ClientLog): RelayConnection {
    let socket: WebSocketLike;
    try {
      socket = webSocket(url, RELAY_SUBPROTOCOL);
    } catch (error) {
      // A malformed URL or a blocked port throws at once; report it like a failed connection.
      log.warn(`could not open a WebSocket to the relay (${error instanceof Error ? error.name : 'error'})`);
      const failed = new RelayConnection(closedSocket, clock, hello, handlers, log);
      clock.setTimeout(() => failed.#end(null), 0);
      return failed;
    }
    const connection = new RelayConnection(socket, clock, hello, handlers, log);
    connection.#attach();
    return connection;
  }

  get welcomed(): boolean {
    return this.#phase === 'welcomed';
  }

  /** Sends one frame; false when the connection is not welcomed (the frame is dropped). */
  send(frame: Uint8Array): boolean {
    if (this.#phase !== 'welcomed') return false;
    try {
      this.#socket.send(frame);
      return true;
    } catch {
      return false;
    }
  }

  /** Closes with 1000 (normal); the owner's `end` follows at once. */
  close(): void {
    this.#closeWith(CLIENT_CLOSE.normal, 'normal');
  }

  #attach(): void {
    const socket = this.#socket;
    socket.binaryType = 'arraybuffer';
    this.#timer = this.#clock.setTimeout(() => this.#fail('the relay did not answer in time'), CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      if (this.#phase !== 'opening') return;
      this.#phase = 'challenge';
      this.#clock.clearTimeout(this.#timer);
      this.#timer = this.#clock.setTimeout(() => this.#fail('no WELCOME within the authentication deadline'), HELLO_TIMEOUT_MS);
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => this.#end(closeReasonFor(event.code));
    socket.onerror = () => {
      // A close event always follows an error; it carries what there is to know.
    };
  }

  #receive(data: unknown): void {
    if (this.#phase === 'ended') return;
    if (!(data instanceof ArrayBuffer)) return this.#protocolError('a text message');
    // The browser has read the message already; the check still keeps an oversized frame from being parsed.
    if (data.byteLength > MAX_FRAME) return this.#protocolError(`a frame over ${MAX_FRAME} bytes`);
    const frame = decodeFrame(new Uint8Array(data));
    if (frame === null) return this.#protocolError(`a malformed or unexpected frame (type ${new Uint8Array(data)[0] ?? 'none'})`);

    if (this.#phase === 'challenge' && frame.type === 'challenge') {
      this.#phase = 'hello';
      this.#sendHello(frame.nonce);
    } else if (this.#phase === 'hello' && frame.type === 'welcome') {
      this.#clock.clearTimeout(this.#timer);
      this.#phase = 'welcomed';
      this.#handlers.welcome(frame);
    } else if (this.#phase === 'welcomed' && frame.type !== 'challenge' && frame.type !== 'welcome') {
      if (frame.type === 'restarting') this.#restartAfterMs = frame.afterMs;
      else this.#handlers.frame(frame);
    } else {
      this.#protocolError(`a ${frame.type} frame out of order`);
    }
  }

  #sendHello(nonce: Bytes): void {
    this.#hello(nonce).then(
      (hello) => {
        if (this.#phase !== 'hello') return;
        try {
          this.#socket.send(hello);
          this.#helloSent = true;
        } catch {
          this.#fail('the connection closed before HELLO could be sent');
        }
      },
      (error: unknown) => this.#fail(`could not build HELLO (${error instanceof Error ? error.name : 'error'})`),
    );
  }

  #protocolError(what: string): void {
    this.#log.warn(`the relay sent ${what}; closing the connection`);
    this.#closeWith(CLIENT_CLOSE.protocolError, 'protocol-error');
  }

  #fail(why: string): void {
    if (this.#phase === 'ended') return;
    this.#log.warn(why);
    this.#closeWith(CLIENT_CLOSE.normal, 'normal');
  }

  #closeWith(code: number, reason: string): void {
    if (this.#phase === 'ended') return;
    try {
      this.#socket.close(code, reason);
    } catch {
      // Already closing.
    }
    this.#end(null);
  }

  #end(reason: CloseReason | null): void {
    if (this.#phase === 'ended') return;
    const welcomed = this.#phase === 'welcomed';
    this.#phase = 'ended';
    this.#clock.clearTimeout(this.#timer);
    const socket = this.#socket;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    this.#handlers.end({ reason, welcomed, helloSent: this.#helloSent, restartAfterMs: this.#restartAfterMs });
  }
}

const closedSocket: WebSocketLike = {
  binaryType: 'arraybuffer',
  send: () => {
    throw new Error('closed');
  },
  close: () => {},
  onopen: null,
  onmessage: null,
  onclose: null,
  onerror: null,
};
