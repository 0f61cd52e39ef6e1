namespace Tether.Client.Sessions.Events;

/// <summary>
/// A stream ended: its unacknowledged messages were discarded and the next session starts a new stream.
/// The host reports this for its device's stream (outage, supersession, revocation, a device that asked
/// for a new stream); a device reports it when the host answered with a new stream.
/// </summary>
/// <param name="Stream">The stream that ended.</param>
/// <param name="Ending">Why, in words for the user.</param>
public sealed record StreamEnded(StreamId Stream, SessionEnding Ending) : SessionEvent;
