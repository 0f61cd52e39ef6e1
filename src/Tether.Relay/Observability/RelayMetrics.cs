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
    private const int FramesInCounter = 0;
    private const int BytesInCounter = 1;
    private const int FramesOutCounter = 2;
    private const int BytesOutCounter = 3;

    // Added to on every frame, from every core: striped (see StripedCounters). The rest change per
    // connection, not per frame, and stay plain atomics.
    private readonly StripedCounters _traffic = new(4);
    private long _accepted;
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
        _traffic.Add(FramesInCounter, 1);
        _traffic.Add(BytesInCounter, bytes);
    }

    public void FrameOut(int bytes)
    {
        _traffic.Add(FramesOutCounter, 1);
        _traffic.Add(BytesOutCounter, bytes);
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

    public long FramesIn => _traffic.Sum(FramesInCounter);

    public long BytesIn => _traffic.Sum(BytesInCounter);

    public long FramesOut => _traffic.Sum(FramesOutCounter);

    public long BytesOut => _traffic.Sum(BytesOutCounter);

    public long DroppedNoPeerCount => Interlocked.Read(ref _droppedNoPeer);

    public long RefreshIgnoredCount => Interlocked.Read(ref _refreshIgnored);

    public long Channels => Interlocked.Read(ref _channels);
}
