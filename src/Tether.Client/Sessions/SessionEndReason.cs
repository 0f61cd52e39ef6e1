namespace Tether.Client.Sessions;

/// <summary>Why a stream or a whole <see cref="ReliableChannel"/> ended (docs/protocol.md §9).</summary>
public enum SessionEndReason
{
    /// <summary>This side disposed the channel.</summary>
    Disposed,

    /// <summary>
    /// Device: another connection took over this session (the relay closed ours with <c>superseded</c>).
    /// Host: another device took over, so the previous device's stream ended.
    /// </summary>
    Superseded,

    /// <summary>Device: the host revoked this device. Host: the stream's device was revoked.</summary>
    Revoked,

    /// <summary>Host: the stream's device had no session for longer than the outage window.</summary>
    OutageExpired,

    /// <summary>Device: no session could be established with the host within the outage window.</summary>
    HostUnreachable,

    /// <summary>
    /// A new stream replaced this one. Device: the host did not resume the stream it named (it had
    /// ended there). Host: the same device asked for a new stream.
    /// </summary>
    StreamReplaced,

    /// <summary>The relay client stopped for good for another reason (authentication refused, protocol error, another host process took the channel).</summary>
    RelayClosed,
}
