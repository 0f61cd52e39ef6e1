import type { ConnectionState, HostMessage, SessionEnd, SessionEvents } from '../../../src/client/api.js';

/** Records a session's events so a test can wait for them. */
export class SessionProbe implements SessionEvents {
  readonly messages: HostMessage[] = [];
  readonly states: ConnectionState[] = [];
  readonly streamEnds: string[] = [];
  readonly ends: SessionEnd[] = [];
  #waiters: (() => void)[] = [];

  message(message: HostMessage): void {
    this.#record(this.messages, message);
  }

  state(state: ConnectionState): void {
    this.#record(this.states, state);
  }

  streamEnded(message: string): void {
    this.#record(this.streamEnds, message);
  }

  ended(end: SessionEnd): void {
    this.#record(this.ends, end);
  }

  /** Waits until `check` returns a value other than undefined. */
  async until<T>(what: string, check: () => T | undefined, withinMs = 30_000): Promise<T> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; states ${this.states.join(',')}; ${this.messages.length} messages; ends ${JSON.stringify(this.ends)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next message of `type` after index `from`. */
  nextOfType<K extends HostMessage['type']>(type: K, from: number): Promise<{ message: Extract<HostMessage, { type: K }>; index: number }> {
    return this.until(type, () => {
      const index = this.messages.findIndex((m, i) => i >= from && m.type === type);
      return index < 0 ? undefined : { message: this.messages[index] as Extract<HostMessage, { type: K }>, index };
    });
  }

  /** The agent text of the next turn after `from`, up to its turn.result. */
  async turnText(from: number): Promise<string> {
    const { index } = await this.nextOfType('turn.result', from);
    return this.messages
      .slice(from, index)
      .map((m) => (m.type === 'agent.text' ? m.text : ''))
      .join('');
  }

  #record<T>(list: T[], item: T): void {
    list.push(item);
    this.#poke();
  }

  #poke(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
