namespace Tether.Client.Relay;

/// <summary>
/// What a <see cref="RelayClient"/> did, for diagnostics and tests. Every frame the client did not
/// send is counted here with its reason; nothing is dropped silently.
/// </summary>
public sealed class RelayClientCounters
{
    private long _connects;
    private long _framesSent;
    private long _framesReceived;
    private long _refusedNotConnected;
    private long _droppedOnDisconnect;
    private long _tokenRefused;
    private long _refreshes;
    private long _hellosWithToken;
    private long _hellosWithProof;

    /// <summary>Connections the relay welcomed.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Frames written to the WebSocket (HELLO included).</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Frames read from the WebSocket (CHALLENGE and WELCOME included).</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Sends refused because no connection was up (the record layer resends after the next handshake).</summary>
    public long RefusedNotConnected => Interlocked.Read(ref _refusedNotConnected);

    /// <summary>Frames that were queued when their connection ended, and were dropped with it.</summary>
    public long DroppedOnDisconnect => Interlocked.Read(ref _droppedOnDisconnect);

    /// <summary>Saved tokens the relay refused, each followed by a proof.</summary>
    public long TokenRefused => Interlocked.Read(ref _tokenRefused);

    /// <summary>HELLOs that carried a saved or refreshed connect token.</summary>
    public long HellosWithToken => Interlocked.Read(ref _hellosWithToken);

    /// <summary>HELLOs that carried a proof (signature or pairing code).</summary>
    public long HellosWithProof => Interlocked.Read(ref _hellosWithProof);

    /// <summary>REFRESH frames sent.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    internal void Connected() => Interlocked.Increment(ref _connects);

    internal void Sent() => Interlocked.Increment(ref _framesSent);

    internal void Received() => Interlocked.Increment(ref _framesReceived);

    internal void NotConnected() => Interlocked.Increment(ref _refusedNotConnected);

    internal void DroppedWithConnection(long count) => Interlocked.Add(ref _droppedOnDisconnect, count);

    internal void TokenWasRefused() => Interlocked.Increment(ref _tokenRefused);

    internal void Hello(bool withToken) => Interlocked.Increment(ref withToken ? ref _hellosWithToken : ref _hellosWithProof);

    internal void Refreshed() => Interlocked.Increment(ref _refreshes);
}
