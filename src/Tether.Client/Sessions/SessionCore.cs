using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Client.Logging;
using Tether.Client.Relay;
using Tether.Client.Threading;
using Tether.Protocol.Noise;
using Tether.Protocol.Records;
using Tether.Protocol.Rekey;

namespace Tether.Client.Sessions;

/// <summary>
/// What a <see cref="ReliableChannel"/>'s receiver, writer and ticker share, and how it changes: the
/// Noise session (or the device's handshake in progress), what that session still has to send, the
/// outbound log, and the acknowledgements.
/// </summary>
/// <remarks>
/// Everything here is used under <see cref="Lock"/>. It is a <see cref="System.Threading.Lock"/>,
/// which cannot be held across an await: no part of the channel ever waits for I/O while holding it,
/// so a send waiting for room in the relay queue never stops the receiver (which would stall both ends
/// when both saturate both directions). Two signals hand work across: <see cref="WorkQueued"/> wakes
/// the writer, <see cref="RoomMade"/> wakes senders waiting for room.
/// </remarks>
internal sealed class SessionCore : IDisposable
{
    private readonly RelayClient _relay;
    private readonly ReliableChannelOptions _options;
    private readonly RekeyPolicy _rekey;
    private long _pendingSince;
    private long? _handshakeDue;
    private ulong _delivered;

    public SessionCore(RelayClient relay, SessionHandshake handshake, ReliableChannelOptions options)
    {
        _relay = relay;
        _options = options;
        _rekey = new RekeyPolicy(options.Rekey);
        Handshake = handshake;
        Log = new OutboundLog(options.OutboundLogBytes);
        Logger = options.LoggerFactory?.CreateLogger<ReliableChannel>() ?? NullLogger<ReliableChannel>.Instance;
        Label = relay.Channel.ToString()[..8];
    }

    public Lock Lock { get; } = new();

    /// <summary>Signalled when the writer may have something to send.</summary>
    public AsyncSignal WorkQueued { get; } = new();

    /// <summary>Signalled when the outbound log or the session's outbox may have room.</summary>
    public AsyncSignal RoomMade { get; } = new();

    public SessionHandshake Handshake { get; }

    public ReliableChannelCounters Counters { get; } = new();

    public ILogger Logger { get; }

    /// <summary>The first 8 hex characters of the channel id, for logs.</summary>
    public string Label { get; }

    /// <summary>Every message until the peer acknowledges it; outlives sessions (§4.3).</summary>
    public OutboundLog Log { get; }

    /// <summary>The Noise session that is up; set together with <see cref="Outbox"/>.</summary>
    public RecordSession? Session { get; private set; }

    public SessionOutbox? Outbox { get; private set; }

    /// <summary>The device's handshake waiting for message 2.</summary>
    public NoiseHandshake? Pending { get; private set; }

    /// <summary>A handshake message that goes out before any record.</summary>
    public SessionFrame? HandshakeFrame { get; set; }

    /// <summary>The highest seq delivered from the peer: this side's ack. Readable without the lock.</summary>
    public ulong Delivered
    {
        get => Interlocked.Read(ref _delivered);
        set => Interlocked.Exchange(ref _delivered, value);
    }

    /// <summary>The highest ack a record of this session carried.</summary>
    public ulong AckSent { get; set; }

    /// <summary>Whether the writer sends an ACK record once it has nothing else to send.</summary>
    public bool AckWanted { get; set; }

    /// <summary>Device: begins a handshake with a fresh ephemeral key; its message 1 goes out next.</summary>
    public void StartHandshake()
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        Pending?.Dispose();
        Pending = Handshake.Start(out var message1);
        _pendingSince = _options.TimeProvider.GetTimestamp();
        _handshakeDue = null;
        HandshakeFrame = new SessionFrame(0, message1, null);
        WorkQueued.Signal();
    }

    /// <summary>Device: hands over the pending handshake to be finished (and disposed) by the caller.</summary>
    public NoiseHandshake TakePending()
    {
        var pending = Pending ?? throw new InvalidOperationException("No handshake is pending.");
        Pending = null;
        return pending;
    }

    /// <summary>Device: starts over after <see cref="ReliableChannelOptions.HandshakeRetryDelay"/>.</summary>
    public void RetryHandshakeLater() =>
        _handshakeDue = _options.TimeProvider.GetTimestamp() + (long)(_options.HandshakeRetryDelay.TotalSeconds * _options.TimeProvider.TimestampFrequency);

    public void CancelHandshakeRetry() => _handshakeDue = null;

    /// <summary>
    /// Starts a session over <paramref name="transport"/>: the host's <paramref name="message2"/> goes
    /// out first, then every message the peer has not acknowledged (§4.3).
    /// </summary>
    public void Establish(NoiseTransport transport, uint peerId, byte[]? message2)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        Drop("replaced");
        var unacknowledged = Log.GetUnacknowledged();
        Session = new RecordSession(transport, peerId, Delivered, _rekey, _options.TimeProvider);
        Outbox = new SessionOutbox(unacknowledged);
        HandshakeFrame = message2 is null ? null : new SessionFrame(peerId, message2, Session);
        Counters.SessionEstablished();
        Counters.MessagesResent(unacknowledged.Length);
        Logger.SessionEstablished(Label, peerId, unacknowledged.Length);
        // With nothing to resend, tell the peer at once how far we got, so it can forget what we have.
        AckWanted = unacknowledged.Length == 0 && Delivered > 0;
        WorkQueued.Signal();
    }

    /// <summary>Asks the writer for an ACK record if this side owes one.</summary>
    public void RequestAck()
    {
        if (Session is not null && Delivered > AckSent)
        {
            AckWanted = true;
            WorkQueued.Signal();
        }
    }

    /// <summary>Drops the session or pending handshake and what it had yet to send; the log keeps every message.</summary>
    public void Drop(string why)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        if (Session is null && Pending is null)
        {
            return;
        }

        if (Session is not null)
        {
            Counters.SessionDropped();
        }

        Logger.SessionDropped(Label, why);
        Session?.Dispose();
        Session = null;
        Outbox = null;
        Pending?.Dispose();
        Pending = null;
        HandshakeFrame = null;
        AckSent = 0;
        AckWanted = false;
        RoomMade.Signal();
    }

    /// <summary>
    /// The periodic check: a device handshake that got no answer, or a retry that is due, starts over;
    /// an ack still owed after a burst is sent.
    /// </summary>
    public void Tick()
    {
        lock (Lock)
        {
            var time = _options.TimeProvider;
            var stalled = Pending is not null && time.GetElapsedTime(_pendingSince) >= _options.HandshakeTimeout;
            if (_relay.IsConnected && (stalled || (_handshakeDue is { } due && time.GetTimestamp() >= due)))
            {
                StartHandshake();
            }

            RequestAck();
        }
    }

    public void Dispose()
    {
        lock (Lock)
        {
            Drop("disposed");
        }
    }
}
