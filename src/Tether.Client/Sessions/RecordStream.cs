using Tether.Protocol.Noise;
using Tether.Protocol.Records;

namespace Tether.Client.Sessions;

/// <summary>
/// One stream's record state (docs/protocol.md §9): its id, the outbound log of messages the peer has
/// not acknowledged, and the highest seq delivered from the peer. It outlives sessions (that is what
/// resuming means) and is replaced, never reset, when the stream ends.
/// </summary>
internal sealed class RecordStream(StreamId id, long outboundLogBytes)
{
    private ulong _delivered;

    /// <summary>The id; a device's is <see cref="StreamId.None"/> until the host names one.</summary>
    public StreamId Id { get; set; } = id;

    /// <summary>Every message until the peer acknowledges it (§4.3).</summary>
    public OutboundLog Log { get; } = new(outboundLogBytes);

    /// <summary>Host: the device the stream belongs to, null until its first session.</summary>
    public NoisePublicKey? Device { get; set; }

    /// <summary>The highest seq delivered from the peer: this side's ack. Readable without the lock.</summary>
    public ulong Delivered
    {
        get => Interlocked.Read(ref _delivered);
        set => Interlocked.Exchange(ref _delivered, value);
    }
}
