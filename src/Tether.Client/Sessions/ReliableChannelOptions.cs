using Microsoft.Extensions.Logging;
using Tether.Protocol.Records;
using Tether.Protocol.Rekey;

namespace Tether.Client.Sessions;

/// <summary>Knobs of a <see cref="ReliableChannel"/>; the defaults follow docs/protocol.md §4 and §5.</summary>
public sealed record ReliableChannelOptions
{
    /// <summary>When each direction rekeys (§5); the protocol's defaults.</summary>
    public RekeyOptions Rekey { get; init; } = RekeyOptions.Default;

    /// <summary>The most unacknowledged bytes kept for resending (§4.3); senders wait beyond it.</summary>
    public long OutboundLogBytes { get; init; } = OutboundLog.MaxUnacknowledgedBytes;

    /// <summary>
    /// 10 s without an answer to the device's first handshake message: the message or its answer was
    /// lost (the host left in between), so start over with a fresh ephemeral key.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// 1 s before a device retries a handshake that failed: long enough for any answer to an earlier
    /// attempt still in flight to arrive and be ignored, so two attempts never chase each other.
    /// </summary>
    public TimeSpan HandshakeRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// 256 delivered messages not yet read: past that the session stops reading the relay, which
    /// slows the peer (backpressure end to end).
    /// </summary>
    public int MessageQueueCapacity { get; init; } = 256;

    /// <summary>
    /// 10 minutes (architecture: "Outage"): how long a stream outlives its sessions. The host ends a
    /// stream whose device has had no session for longer; a device that cannot establish a session for
    /// longer ends (<see cref="SessionEndReason.HostUnreachable"/>). Brief outages resume transparently.
    /// </summary>
    public TimeSpan OutageWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Device only: the stream to ask the host to resume on the first handshake (a terminal client saves
    /// <see cref="ReliableChannel.StreamId"/> across its restarts); null to start a new one.
    /// </summary>
    public StreamId? InitialStreamId { get; init; }

    /// <summary>The clock for handshake deadlines, the outage window and the rekey age.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the session logs (never message contents); null for none. Security events go to the
    /// category <c>Tether.Security</c> of this factory.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
