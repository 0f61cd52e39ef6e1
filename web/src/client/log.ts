/**
 * Where the device side reports what it ignores or refuses. Lines name what happened and a short
 * channel prefix, never payloads, keys, tokens or stream ids (§9.6). Injectable for tests.
 */
export interface ClientLog {
  warn(line: string): void;
}

export const consoleLog: ClientLog = {
  warn: (line) => console.warn(`tether: ${line}`),
};
