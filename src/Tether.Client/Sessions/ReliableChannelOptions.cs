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

    /// <summary>The clock for handshake deadlines and the rekey age.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the session logs (never message contents); null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
