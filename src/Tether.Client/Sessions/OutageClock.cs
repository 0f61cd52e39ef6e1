namespace Tether.Client.Sessions;

/// <summary>
/// How long the peer has been without an established session, against the outage window
/// (<see cref="ReliableChannelOptions.OutageWindow"/>, docs/protocol.md §9). Used under the session lock.
/// </summary>
internal sealed class OutageClock(TimeProvider time, TimeSpan window)
{
    private long? _awaySince;

    /// <summary>The session is gone; the clock starts unless it already runs.</summary>
    public void Away() => _awaySince ??= time.GetTimestamp();

    /// <summary>A session is up (or there is nothing to wait for): the clock stops.</summary>
    public void Back() => _awaySince = null;

    /// <summary>Whether the clock runs and has passed the window.</summary>
    public bool Expired() => _awaySince is { } since && time.GetElapsedTime(since) > window;
}
