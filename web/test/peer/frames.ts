/**
 * Length-prefixed frames on a byte stream: 4-byte big-endian length, then that many bytes.
 * Used by the stdio peer and by the test that drives it.
 */
import type { Readable, Writable } from 'node:stream';

/** The first frame is a JSON config; later frames are Noise messages (at most 65,535 bytes). 1 MiB bounds both. */
export const MAX_FRAME_LEN = 1 << 20;

export function encodeFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.alloc(4 + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.set(payload, 4);
  return frame;
}

export class FrameError extends Error {
  readonly code = 'frame_error';
}

/** Reads frames in order; `next()` resolves null on a clean EOF between frames. */
export class FrameReader {
  readonly #chunks: AsyncIterator<Buffer>;
  #buffer: Buffer = Buffer.alloc(0);

  constructor(stream: Readable) {
    this.#chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  async next(): Promise<Uint8Array | null> {
    if (!(await this.#fill(4))) {
      if (this.#buffer.length === 0) return null;
      throw new FrameError('stream ended inside a frame header');
    }
    const length = this.#buffer.readUInt32BE(0);
    if (length > MAX_FRAME_LEN) throw new FrameError(`frame of ${length} bytes exceeds ${MAX_FRAME_LEN}`);
    if (!(await this.#fill(4 + length))) throw new FrameError('stream ended inside a frame');
    const payload = new Uint8Array(this.#buffer.subarray(4, 4 + length));
    this.#buffer = this.#buffer.subarray(4 + length);
    return payload;
  }

  async #fill(length: number): Promise<boolean> {
    while (this.#buffer.length < length) {
      const chunk = await this.#chunks.next();
      if (chunk.done === true) return false;
      this.#buffer = Buffer.concat([this.#buffer, chunk.value]);
    }
    return true;
  }
}

/** Writes one frame and waits for the stream to accept it (respects backpressure). */
export function writeFrame(stream: Writable, payload: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(encodeFrame(payload), (error) => (error ? reject(error) : resolve()));
  });
}
