using Tether.Protocol.Relay;
using Tether.Relay.Auth;
using Tether.Relay.Limits;

namespace Tether.Relay.Observability;

/// <summary>
/// The relay's counters: plain atomics, read by <see cref="PrometheusText"/> at <c>/metrics</c>.
/// Counts and reasons only; nothing here can name a channel or carry a payload byte.
/// </summary>
internal sealed class RelayMetrics
{
    /// <summary>Index 0 counts connections that have not authenticated yet; 1–3 are <see cref="RelayRole"/>.</summary>
    private readonly long[] _connections = new long[4];
    private readonly long[] _disconnects = new long[(int)RelayCloseReason.Lost + 1];
    private readonly long[] _authFailures = new long[Auth.AuthFailures.Count];
    private readonly long[] _refusals = new long[Limits.Refusals.Count];
    private long _accepted;
    private long _framesIn;
    private long _bytesIn;
    private long _framesOut;
    private long _bytesOut;
    private long _droppedNoPeer;
    private long _refreshIgnored;
    private long _channels;

    public QueueDelayHistogram QueueDelay { get; } = new();

    public void Accepted()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _connections[0]);
    }

    /// <summary>A connection moves from unauthenticated to its role.</summary>
    public void Authenticated(RelayRole role)
    {
        Interlocked.Decrement(ref _connections[0]);
        Interlocked.Increment(ref _connections[(int)role]);
    }

    /// <summary>A connection ended; <paramref name="role"/> is null if it never authenticated.</summary>
    public void Disconnected(RelayRole? role, RelayCloseReason reason)
    {
        Interlocked.Decrement(ref _connections[role is { } r ? (int)r : 0]);
        Interlocked.Increment(ref _disconnects[(int)reason]);
    }

    public void FrameIn(int bytes)
    {
        Interlocked.Increment(ref _framesIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    public void FrameOut(int bytes)
    {
        Interlocked.Increment(ref _framesOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    public void AuthFailed(AuthFailure failure) => Interlocked.Increment(ref _authFailures[(int)failure]);

    public void Refused(Refusal refusal) => Interlocked.Increment(ref _refusals[(int)refusal]);

    public void DroppedNoPeer() => Interlocked.Increment(ref _droppedNoPeer);

    public void RefreshIgnored() => Interlocked.Increment(ref _refreshIgnored);

    public void ChannelOpened() => Interlocked.Increment(ref _channels);

    public void ChannelClosed() => Interlocked.Decrement(ref _channels);

    public long Connections(int index) => Interlocked.Read(ref _connections[index]);

    public long Disconnects(RelayCloseReason reason) => Interlocked.Read(ref _disconnects[(int)reason]);

    public long AuthFailureCount(AuthFailure failure) => Interlocked.Read(ref _authFailures[(int)failure]);

    public long RefusalCount(Refusal refusal) => Interlocked.Read(ref _refusals[(int)refusal]);

    public long Accepts => Interlocked.Read(ref _accepted);

    public long FramesIn => Interlocked.Read(ref _framesIn);

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long FramesOut => Interlocked.Read(ref _framesOut);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public long DroppedNoPeerCount => Interlocked.Read(ref _droppedNoPeer);

    public long RefreshIgnoredCount => Interlocked.Read(ref _refreshIgnored);

    public long Channels => Interlocked.Read(ref _channels);
}
