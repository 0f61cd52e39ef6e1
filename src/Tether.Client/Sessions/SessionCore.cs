using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Client.Logging;
using Tether.Client.Relay;
using Tether.Client.Sessions.Events;
using Tether.Client.Threading;
using Tether.Protocol.Noise;
using Tether.Protocol.Records;
using Tether.Protocol.Rekey;
using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>
/// What a <see cref="ReliableChannel"/>'s receiver, writer and ticker share, and how it changes: the
/// stream (its log and delivered seq), the Noise session that carries it now (or the device's handshake
/// in progress), what that session still has to send, the acknowledgements, and how the channel ended.
/// </summary>
/// <remarks>
/// Everything here is used under <see cref="Lock"/>. It is a <see cref="System.Threading.Lock"/>,
/// which cannot be held across an await: no part of the channel ever waits for I/O while holding it,
/// so a send waiting for room in the relay queue never stops the receiver (which would stall both ends
/// when both saturate both directions). Two signals hand work across: <see cref="WorkQueued"/> wakes
/// the writer, <see cref="RoomMade"/> wakes senders waiting for room (or for the end).
/// </remarks>
internal sealed class SessionCore : IDisposable
{
    // Events are rare (one per handshake or ending) and never wait: past 256 unread, the oldest go.
    private const int EventQueueCapacity = 256;

    private readonly RelayClient _relay;
    private readonly ReliableChannelOptions _options;
    private readonly RekeyPolicy _rekey;
    private readonly ChannelWriter<byte[]> _messages;
    private readonly Channel<SessionEvent> _events = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TaskCompletionSource<SessionEnding> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutageClock _outage;
    private long _pendingSince;
    private long? _handshakeDue;

    public SessionCore(RelayClient relay, SessionHandshake handshake, ReliableChannelOptions options, HostPeers? peers, ChannelWriter<byte[]> messages)
    {
        _relay = relay;
        _options = options;
        _messages = messages;
        _rekey = new RekeyPolicy(options.Rekey);
        Handshake = handshake;
        Peers = peers;
        Stream = new RecordStream(handshake.IsDevice ? options.InitialStreamId ?? StreamId.None : StreamId.NewRandom(), options.OutboundLogBytes);
        Logger = options.LoggerFactory?.CreateLogger<ReliableChannel>() ?? NullLogger<ReliableChannel>.Instance;
        SecurityLogger = options.LoggerFactory?.CreateLogger(SecurityLog.Category) ?? NullLogger.Instance;
        Label = relay.Channel.ToString()[..8];
        _outage = new OutageClock(options.TimeProvider, options.OutageWindow);
        if (handshake.IsDevice)
        {
            // A device that never reaches its host ends too: the window runs from the start.
            _outage.Away();
            RestoredUnsynced = options.InitialStreamId is { IsNone: false };
        }
    }

    public Lock Lock { get; } = new();

    /// <summary>Signalled when the writer may have something to send.</summary>
    public AsyncSignal WorkQueued { get; } = new();

    /// <summary>Signalled when the outbound log or the session's outbox may have room, or the channel ended.</summary>
    public AsyncSignal RoomMade { get; } = new();

    public SessionHandshake Handshake { get; }

    /// <summary>Host only: joined peers and revocations.</summary>
    public HostPeers? Peers { get; }

    public ReliableChannelCounters Counters { get; } = new();

    public ILogger Logger { get; }

    /// <summary>The <c>Tether.Security</c> logger.</summary>
    public ILogger SecurityLogger { get; }

    /// <summary>The first 8 hex characters of the channel id, for logs.</summary>
    public string Label { get; }

    public ReliableChannelOptions Options => _options;

    /// <summary>The stream: replaced (never reset) when it ends.</summary>
    public RecordStream Stream { get; private set; }

    /// <summary>The stream's log of unacknowledged messages (§4.3).</summary>
    public OutboundLog Log => Stream.Log;

    /// <summary>The highest seq delivered from the peer in this stream: this side's ack.</summary>
    public ulong Delivered
    {
        get => Stream.Delivered;
        set => Stream.Delivered = value;
    }

    /// <summary>The Noise session that is up; set together with <see cref="Outbox"/>.</summary>
    public RecordSession? Session { get; private set; }

    public SessionOutbox? Outbox { get; private set; }

    /// <summary>Host: the peer id of the latest established session (the connection a newer one supersedes).</summary>
    public uint ActivePeer { get; private set; }

    /// <summary>The device's handshake waiting for message 2.</summary>
    public NoiseHandshake? Pending { get; private set; }

    /// <summary>A handshake message that goes out before any record.</summary>
    public SessionFrame? HandshakeFrame { get; set; }

    /// <summary>Frames that go out before anything else: KICKs and "start over" signals.</summary>
    public Queue<ControlFrame> Control { get; } = new();

    /// <summary>The highest ack a record of this session carried.</summary>
    public ulong AckSent { get; set; }

    /// <summary>Whether the writer sends an ACK record once it has nothing else to send.</summary>
    public bool AckWanted { get; set; }

    /// <summary>
    /// Device: the stream id came from <see cref="ReliableChannelOptions.InitialStreamId"/> and no record
    /// of it has been accepted in this process yet, so this side's record state may not match the host's.
    /// </summary>
    public bool RestoredUnsynced { get; set; }

    /// <summary>How the channel ended, once it has.</summary>
    public SessionEnding? Ending { get; private set; }

    public Task<SessionEnding> Ended => _ended.Task;

    public ChannelReader<SessionEvent> Events => _events.Reader;

    /// <summary>Device: begins a handshake with a fresh ephemeral key, naming the stream; its message 1 goes out next.</summary>
    public void StartHandshake()
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        if (Ending is not null)
        {
            return;
        }

        Pending?.Dispose();
        Pending = Handshake.Start(Stream.Id, out var message1);
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
    /// Starts a session of the current stream over <paramref name="transport"/>: the host's
    /// <paramref name="message2"/> goes out first, then every message the peer has not acknowledged (§4.3).
    /// </summary>
    public void Establish(NoiseTransport transport, uint peerId, byte[]? message2, NoisePublicKey peerKey, bool resumed)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        Drop("replaced");
        var unacknowledged = Log.GetUnacknowledged();
        Session = new RecordSession(transport, peerId, Delivered, _rekey, _options.TimeProvider);
        Outbox = new SessionOutbox(unacknowledged);
        HandshakeFrame = message2 is null ? null : new SessionFrame(peerId, message2, Session);
        ActivePeer = peerId;
        _outage.Back();
        Counters.SessionEstablished();
        Counters.MessagesResent(unacknowledged.Length);
        Logger.SessionEstablished(Label, peerId, unacknowledged.Length);
        _events.Writer.TryWrite(new SessionEstablished(Stream.Id, resumed, peerKey, peerId));
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

    /// <summary>Drops the session or pending handshake and what it had yet to send; the stream keeps every message.</summary>
    public void Drop(string why, bool security = false)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        if (Session is null && Pending is null)
        {
            return;
        }

        if (Session is { } session)
        {
            Counters.SessionDropped();
            _events.Writer.TryWrite(new SessionLost(session.PeerId, why, security));
            if (Handshake.IsDevice || Stream.Device is not null)
            {
                _outage.Away();
            }
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
    /// Host: ends the stream (its unacknowledged messages are discarded) and starts a fresh, unbound one
    /// with a new random id for whichever device comes next.
    /// </summary>
    public void EndStream(SessionEnding ending)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        Drop(ending.Reason.ToString());
        var ended = Stream;
        Stream = new RecordStream(StreamId.NewRandom(), _options.OutboundLogBytes);
        _outage.Back();
        Logger.StreamEnded(Label, ending.Reason, ending.Message);
        _events.Writer.TryWrite(new StreamEnded(ended.Id, ending));
        RoomMade.Signal();
    }

    /// <summary>
    /// Device: the host answered with a new stream. If this side had one, it ended there: its receive
    /// state and unacknowledged messages are discarded, and the application is told.
    /// </summary>
    public void AdoptStream(StreamId id)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        RestoredUnsynced = false;
        var old = Stream;
        if (old.Id.IsNone)
        {
            // The first stream of a fresh device: what it queued before the first session belongs to it.
            old.Id = id;
            return;
        }

        Stream = new RecordStream(id, _options.OutboundLogBytes);
        Logger.StreamEnded(Label, SessionEnding.HostStartedNewStream.Reason, SessionEnding.HostStartedNewStream.Message);
        _events.Writer.TryWrite(new StreamEnded(old.Id, SessionEnding.HostStartedNewStream));
        RoomMade.Signal();
    }

    /// <summary>
    /// Device: the restored stream's record state did not match the host's (this process does not have
    /// the previous one's). The next handshake asks for a new stream; messages queued here are kept for it.
    /// </summary>
    public void AbandonRestoredStream()
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        var old = Stream;
        RestoredUnsynced = false;
        // A fresh stream, with the messages not yet acknowledged (an ack from the host's side of the old
        // stream may have looked valid here; it says nothing about these).
        Stream = new RecordStream(StreamId.None, _options.OutboundLogBytes);
        foreach (var message in old.Log.GetUnacknowledged())
        {
            Stream.Log.TryAppend(message.Message.Span, out _, out _);
        }

        RoomMade.Signal();
        Logger.StreamEnded(Label, SessionEnding.RestoredStreamLost.Reason, SessionEnding.RestoredStreamLost.Message);
        _events.Writer.TryWrite(new StreamEnded(old.Id, SessionEnding.RestoredStreamLost));
    }

    /// <summary>Ends the channel for good: no more sessions, <see cref="ReliableChannel.Messages"/> completes.</summary>
    public void End(SessionEnding ending)
    {
        Debug.Assert(Lock.IsHeldByCurrentThread);
        if (Ending is not null)
        {
            return;
        }

        Ending = ending;
        Drop(ending.Reason.ToString());
        _handshakeDue = null;
        Control.Clear();
        Logger.ChannelEnded(Label, ending.Reason, ending.Message);
        _messages.TryComplete();
        _events.Writer.TryComplete();
        _ended.TrySetResult(ending);
        RoomMade.Signal();
        WorkQueued.Signal();
    }

    /// <summary>Host: queues a KICK for the writer.</summary>
    public void Kick(uint peerId, RelayCloseReason reason)
    {
        Control.Enqueue(new ControlFrame(peerId, reason));
        WorkQueued.Signal();
    }

    /// <summary>
    /// Host: tells a peer whose session was dropped to start over, with an empty DATA (§9): no Noise
    /// message is empty, so it cannot be mistaken for one. Once per dropped session.
    /// </summary>
    public void SignalStartOver(uint peerId)
    {
        if (Peers!.MarkReset(peerId))
        {
            Control.Enqueue(new ControlFrame(peerId, null));
            WorkQueued.Signal();
        }
    }

    /// <summary>
    /// The periodic check: a device handshake that got no answer, or a retry that is due, starts over;
    /// an outage past the window ends the stream (host) or the channel (device); an owed ack is sent.
    /// </summary>
    public void Tick()
    {
        lock (Lock)
        {
            if (Ending is not null)
            {
                return;
            }

            if (Session is null && _outage.Expired())
            {
                if (Handshake.IsDevice)
                {
                    End(SessionEnding.HostUnreachable(_options.OutageWindow));
                    return;
                }

                if (Stream.Device is not null)
                {
                    EndStream(SessionEnding.OutageExpired(_options.OutageWindow));
                }
            }

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
            End(SessionEnding.Disposed);
        }
    }
}
