import { OutboundLog } from '../../protocol/outbound-log.js';
import { Reassembler } from '../../protocol/reassembler.js';
import { ProtocolUsageError } from '../../protocol/errors.js';
import type { OutboundEntry } from '../storage/store.js';

/**
 * Rebuilds the stream's record state from storage after a reload, with the protocol's own classes.
 * Neither Reassembler nor OutboundLog can be constructed at a given seq (the C# ones can), so the
 * state is replayed: empty messages up to the saved seq. That costs O(seq) once per page load or
 * failed session, microseconds per message; a constructor taking the seq in ../protocol would
 * make it O(1).
 */

// Empty messages per acknowledge while replaying the outbound log: 100,000 × 64 bytes of charge
// stays far below the log's bound, so the replay never hits outbound-full.
const REPLAY_BATCH = 100_000n;

/** A reassembler whose `delivered` is `delivered`, nothing in progress. */
export function seededReassembler(delivered: bigint): Reassembler {
  const reassembler = new Reassembler();
  const empty = new Uint8Array(0);
  for (let seq = 1n; seq <= delivered; seq++) {
    reassembler.accept({ kind: 'message', more: false, rekey: false, chunk: 0, seq, ack: 0n, body: empty });
  }
  return reassembler;
}

/** A log whose peer ack is `peerAck`, holding `outbound` (seq peerAck+1, peerAck+2, … in order). */
export function seededOutboundLog(peerAck: bigint, outbound: readonly OutboundEntry[]): OutboundLog {
  const log = new OutboundLog();
  const empty = new Uint8Array(0);
  while (log.highestSent < peerAck) {
    const target = log.highestSent + REPLAY_BATCH < peerAck ? log.highestSent + REPLAY_BATCH : peerAck;
    while (log.highestSent < target) log.append(empty);
    log.acknowledge(target);
  }
  for (const entry of outbound) {
    const appended = log.append(entry.message);
    if (appended.seq !== entry.seq) throw new ProtocolUsageError('stored-state', 'the stored outbound log is not contiguous');
  }
  return log;
}
