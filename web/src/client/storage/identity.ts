import { generateKeyPair } from '../../noise/dh25519.js';
import { generateAccessKey } from '../crypto/access-key.js';
import type { ClientStore, DeviceIdentity } from './store.js';

/**
 * The device's keys, made once: a Noise static key (X25519) and a relay access key (ECDSA P-256),
 * both generated non-extractable, so no code (ours included) can ever export the private halves.
 */
export async function deviceIdentity(store: ClientStore): Promise<DeviceIdentity> {
  const existing = await store.loadIdentity();
  if (existing !== null) return existing;
  const made: DeviceIdentity = { noise: await generateKeyPair(false), access: await generateAccessKey() };
  // Another tab may have made one at the same moment; the stored one wins, so both tabs agree.
  return store.saveIdentity(made);
}
