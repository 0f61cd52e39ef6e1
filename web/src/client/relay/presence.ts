import { openDeviceConnection, type DeviceConnectionContext } from './device-connection.js';
import type { RelayConnection } from './relay-connection.js';

/**
 * Whether the host is connected to its relay now: one short device connection, WELCOME's
 * host-online flag (§7.3), then a normal close. `unknown` when the relay cannot be reached or
 * refuses (the connection's own deadlines bound the wait).
 */
export function checkPresence(context: DeviceConnectionContext): Promise<'online' | 'offline' | 'unknown'> {
  const { clock, token } = context;
  return new Promise((resolve) => {
    let answer: 'online' | 'offline' | 'unknown' = 'unknown';
    let opened: { connection: RelayConnection; usedToken: boolean } | null = null;
    opened = openDeviceConnection(context, {
      welcome: (welcome) => {
        if (welcome.token !== null) token.set(welcome.token, welcome.expires);
        answer = welcome.hostOnline ? 'online' : 'offline';
        // `end` resolves once the close is done; closed from a timer, not from inside the frame handler.
        clock.setTimeout(() => opened?.connection.close(), 0);
      },
      frame: () => {},
      end: (end) => {
        // A refused saved token says nothing about the host; drop it so the next check proves.
        if (opened?.usedToken === true && !end.welcomed) token.set(null);
        resolve(answer);
      },
    });
  });
}
