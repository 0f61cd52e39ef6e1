/**
 * Runs async steps one at a time, in the order they were queued. A session needs this: Noise nonces
 * must be used in order, and a step that saves a message must finish before any later step sends an
 * ack. A step that throws stops the queue for good: `onError` is called once and later steps are
 * skipped, so nothing runs on a state that a failed step left half-changed.
 */
export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  run(step: () => Promise<void> | void): Promise<void> {
    this.#tail = this.#tail
      .then(async () => {
        if (!this.#stopped) await step();
      })
      .catch((error: unknown) => {
        if (this.#stopped) return;
        this.#stopped = true;
        this.onError(error);
      });
    return this.#tail;
  }

  /** Skips every step not yet started. */
  stop(): void {
    this.#stopped = true;
  }

  /** Resolves once every step queued so far has run. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
