/**
 * The device side's time and size limits, each with the reason for its value. Protocol-wide sizes
 * (records, messages) live in ../protocol/limits.ts; these are the ones only a device needs.
 */

/** 10 s from opening the WebSocket to WELCOME: the relay's own authentication deadline (§7.6). */
export const HELLO_TIMEOUT_MS = 10_000;

/** 10 s to open the WebSocket: a dead node behind a balancer should not hold a device for long. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** REFRESH once less than 5 minutes remain on the token (§7.3). */
export const REFRESH_BEFORE_MS = 5 * 60_000;

/** The relay ignores a REFRESH sooner than a minute after the last one (§7.3). */
export const MIN_REFRESH_INTERVAL_MS = 60_000;

/** A saved token with less than this left is not worth a round trip that may be refused. */
export const MIN_TOKEN_REMAINING_MS = 60_000;

/** Tokens live 15 minutes (§7.2); a clock that claims more is wrong, so never wait longer to refresh. */
export const MAX_TOKEN_LIFETIME_MS = 15 * 60_000;

/** Reconnect backoff: delay = random(0, min(cap, base × 2^attempt)), as the C# RelayBackoff. */
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 30_000;

/**
 * 10 s without an answer to message 1: it or its answer was lost (the host left in between), so
 * start over with a fresh ephemeral key (ReliableChannelOptions.HandshakeTimeout).
 */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * 1 s before retrying a failed handshake: long enough for an answer to an earlier attempt still in
 * flight to arrive and be ignored, so two attempts never chase each other (§9.6).
 */
export const HANDSHAKE_RETRY_DELAY_MS = 1_000;

/** 10 minutes (§9.5): how long a device keeps trying to reach its host before the session ends. */
export const DEFAULT_OUTAGE_WINDOW_MS = 10 * 60_000;

/** How often deadlines (handshake retry, outage window) and owed acks are looked at, as in C#. */
export const TICK_INTERVAL_MS = 250;

/** 30 s for a pairing reply that needs no human (§8.5). */
export const PAIRING_REPLY_TIMEOUT_MS = 30_000;

/** 30 s of grace after the link's expiry while waiting for the host's verdict: clocks differ (§8.5). */
export const PAIRING_EXPIRY_GRACE_MS = 30_000;

/** 4 KiB per pairing JSON message (§8.3): the largest, pair.accepted, is under 1 KiB. */
export const MAX_PAIRING_MESSAGE_BYTES = 4096;

/** Three wrong codes burn the link (§3); pair.retry says 2, then 1. */
export const MAX_CODE_ATTEMPTS = 3;

/**
 * The transcript kept for a reload: the last 1,000 host messages of the stream. A screen's worth
 * of history many times over, yet small enough to read back at once when the page opens.
 */
export const MAX_TRANSCRIPT_MESSAGES = 1_000;

/** A prompt longer than this is refused by the host (SessionMessages.MaxPromptChars). */
export const MAX_PROMPT_CHARS = 100_000;
