import type { Bytes } from '../../shared/bytes.js';
import type { PairingFailure } from '../api.js';
import type { Clock } from '../clock.js';
import type { ClientLog } from '../log.js';
import { encodeData } from '../relay/frames.js';
import { RelayConnection, type HelloSource } from '../relay/relay-connection.js';
import type { WebSocketFactory } from '../relay/websocket.js';

/** Ends a pairing with a failure the app is shown. */
export class PairingStop extends Error {
  constructor(readonly failure: PairingFailure) {
    super(failure.message);
    this.name = 'PairingStop';
  }
}

export function stop(code: PairingFailure['code'], message: string): PairingStop {
  return new PairingStop({ code, message });
}

type Incoming = { readonly kind: 'welcome'; readonly hostOnline: boolean } | { readonly kind: 'data'; readonly payload: Bytes } | { readonly kind: 'host-offline' } | { readonly kind: 'end' };

const LOST = 'The pairing connection to the relay was lost.';

/**
 * The device's one pairing connection (§8): no reconnect (a pairing that loses its connection
 * simply fails), DATA from the host in order, and everything that ends the conversation as a
 * PairingStop. Mirrors DevicePairingChannel in C#.
 */
export class PairingChannel {
  readonly #connection: RelayConnection;
  readonly #clock: Clock;
  readonly #signal: AbortSignal | undefined;
  readonly #inbox: Incoming[] = [];
  #wake: (() => void) | null = null;

  constructor(url: string, hello: HelloSource, webSocket: WebSocketFactory, clock: Clock, log: ClientLog, signal: AbortSignal | undefined) {
    this.#clock = clock;
    this.#signal = signal;
    this.#connection = RelayConnection.open(url, webSocket, clock, hello, {
      welcome: (w) => this.#push({ kind: 'welcome', hostOnline: w.hostOnline }),
      frame: (f) => {
        if (f.type === 'data') this.#push({ kind: 'data', payload: f.payload });
        else if (f.type === 'host-offline') this.#push({ kind: 'host-offline' });
      },
      end: () => this.#push({ kind: 'end' }),
    }, log);
  }

  /** WELCOME with the host online: the relay admits a code only while the host's slot is open. */
  async welcomed(timeoutMs: number): Promise<void> {
    const first = await this.#next(timeoutMs, (e) => e.kind === 'welcome' || e.kind === 'end');
    if (first.kind === 'end') throw stop('refused', 'The relay refused the pairing code: the link was already used, has expired, or the workstation stopped waiting.');
    if (first.kind === 'welcome' && !first.hostOnline) throw stop('refused', 'The workstation is not connected to the relay.');
  }

  send(payload: Uint8Array): void {
    if (!this.#connection.send(encodeData(payload))) throw stop('connection-lost', LOST);
  }

  /** The next Noise message from the host. */
  async receive(timeoutMs: number): Promise<Bytes> {
    const event = await this.#next(timeoutMs, () => true);
    if (event.kind === 'data') return event.payload;
    throw stop('connection-lost', event.kind === 'host-offline' ? 'The workstation went offline during pairing.' : LOST);
  }

  close(): void {
    this.#connection.close();
  }

  #push(event: Incoming): void {
    this.#inbox.push(event);
    this.#wake?.();
  }

  async #next(timeoutMs: number, wanted: (e: Incoming) => boolean): Promise<Incoming> {
    const deadline = this.#clock.now() + timeoutMs;
    for (;;) {
      if (this.#signal?.aborted === true) throw stop('cancelled', 'Pairing was cancelled.');
      const event = this.#inbox.shift();
      if (event !== undefined) {
        if (wanted(event)) return event;
        continue;
      }
      const left = deadline - this.#clock.now();
      if (left <= 0) throw stop('timeout', 'The workstation did not answer in time.');
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.#clock.clearTimeout(timer);
          this.#signal?.removeEventListener('abort', done);
          this.#wake = null;
          resolve();
        };
        const timer = this.#clock.setTimeout(done, left);
        this.#signal?.addEventListener('abort', done, { once: true });
        this.#wake = done;
      });
    }
  }
}
