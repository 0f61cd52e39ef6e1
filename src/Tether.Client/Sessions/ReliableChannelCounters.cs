namespace Tether.Client.Sessions;

/// <summary>What a <see cref="ReliableChannel"/> did, for diagnostics and tests.</summary>
public sealed class ReliableChannelCounters
{
    private long _sessions;
    private long _sessionsDropped;
    private long _handshakesRefused;
    private long _delivered;
    private long _duplicates;
    private long _resent;
    private long _securityEvents;

    /// <summary>Noise sessions established (one per connection, more after failures).</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    /// <summary>Sessions dropped: the connection ended, the peer left, or a record broke a rule.</summary>
    public long SessionsDropped => Interlocked.Read(ref _sessionsDropped);

    /// <summary>First handshake messages the host refused (unknown device key, garbage, a replay that did not decrypt).</summary>
    public long HandshakesRefused => Interlocked.Read(ref _handshakesRefused);

    /// <summary>Messages delivered to the application, each once.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Resent records of messages already delivered, checked and dropped (§4.3).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages sent again after a new session, because the peer had not acknowledged them.</summary>
    public long Resent => Interlocked.Read(ref _resent);

    /// <summary>Security events: refused records, refused handshakes, revoked connections kicked (each logged under <c>Tether.Security</c>).</summary>
    public long SecurityEvents => Interlocked.Read(ref _securityEvents);

    internal void SecurityEvent() => Interlocked.Increment(ref _securityEvents);

    internal void SessionEstablished() => Interlocked.Increment(ref _sessions);

    internal void SessionDropped() => Interlocked.Increment(ref _sessionsDropped);

    internal void HandshakeRefused() => Interlocked.Increment(ref _handshakesRefused);

    internal void MessageDelivered() => Interlocked.Increment(ref _delivered);

    internal void DuplicatesDropped(long count) => Interlocked.Add(ref _duplicates, count);

    internal void MessagesResent(long count) => Interlocked.Add(ref _resent, count);
}
