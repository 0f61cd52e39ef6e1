/**
 * The device side of Tether for the browser app: pairing, paired hosts, presence and live sessions
 * (docs/protocol.md §7–§10). The app depends on api.ts's types and on these exports only.
 */
export type * from './api.js';
export { createTetherClient, type TetherClientOptions } from './tether-client.js';
export { answerFor, type AnswerOptions } from './messages/answer.js';
export { isValidName, MAX_NAME_BYTES } from './pairing/names.js';
export { formatSas } from '../protocol/sas.js';
export { MemoryStore } from './storage/memory-store.js';
export { IndexedDbStore } from './storage/indexeddb-store.js';
export type { ClientStore } from './storage/store.js';
export type { Clock } from './clock.js';
export type { ClientLog } from './log.js';
export type { WebSocketFactory, WebSocketLike } from './relay/websocket.js';
export type { NetworkWatch } from './network.js';
