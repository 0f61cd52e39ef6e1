/**
 * Every case of every known-answer file in tests/vectors (docs/protocol.md §6), each its own named
 * test. The cases are the same modules the Chromium run uses (./kat/); only the loader is Node's.
 */
import { loadProtocolVectors } from '../support/load-vectors.js';
import { registerKatSuite } from '../support/kat-node.js';
import { protocolKatSuites } from './kat/index.js';

for (const suite of await protocolKatSuites(loadProtocolVectors)) registerKatSuite(suite);
