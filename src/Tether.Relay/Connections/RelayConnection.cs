using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tether.Protocol.Relay;
using Tether.Relay.Hosting;
using Tether.Relay.Routing;

namespace Tether.Relay.Connections;

/// <summary>
/// One client's WebSocket: who it is, its bounded send queue and the loop that drains it into the
/// upgraded stream, and how it closes. Its receive loop lives in <see cref="ConnectionHandler"/>;
/// deadlines and keepalive pings are the node's one sweep's (<see cref="Sweeper"/>), so a
/// connection holds no timer.
/// </summary>
/// <remarks>
/// Queue rule: relay-made frames (WELCOME, presence) never wait; if the queue is full they line up
/// behind it in order. Forwarded DATA waits for room, which stalls the sender's read loop, so TCP
/// slows the sender down. Nothing is ever dropped from a live queue; a queue that stays full for
/// <see cref="RelayLimits.SlowConsumerTimeout"/> gets its connection closed instead.
/// </remarks>
internal sealed class RelayConnection
{
    private const int Open = -1;

    private static readonly byte[] EmptyPing = [];

    private readonly IHttpRequestLifetimeFeature _lifetime;
    private readonly WebSocketWriter _writer;
    private readonly SendQueue _queue;
    private readonly RelayNode _node;
    private int _closeReason = Open;
    private int _role;
    private long _dequeued;
    private string? _channelTag;
    private long _pingSentAt;
    private volatile bool _pingUnanswered;
    private volatile bool _ended;

    public RelayConnection(RelayNode node, HttpContext context, Stream stream, uint peerId, RelayId channelId, long nowMs)
    {
        _node = node;
        // The feature, not the context: Kestrel recycles the context once the request ends, and a
        // sweep or a shutdown may still abort the connection a moment after that.
        _lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        _writer = new WebSocketWriter(stream, node.Pool);
        PeerId = peerId;
        ChannelId = channelId;
        AcceptedAtMs = nowMs;
        _pingSentAt = Environment.TickCount64;
        _queue = new SendQueue(node.Limits.QueueFrames);
    }

    /// <summary>Unique on this node while the connection lives; never 0.</summary>
    public uint PeerId { get; }

    public RelayId ChannelId { get; }

    /// <summary>
    /// The channel's salted tag for logs (<see cref="Observability.ChannelTag"/>). Made when a line
    /// first needs it: most connections log nothing at the default level, and an idle one should not
    /// hold the string.
    /// </summary>
    public string ChannelTag => _channelTag ??= Observability.ChannelTag.For(ChannelId);

    public long AcceptedAtMs { get; }

    /// <summary>Null until WELCOME; set last, so whoever sees it also sees the token's expiry and the subject.</summary>
    public RelayRole? Role => Volatile.Read(ref _role) is var r and > 0 ? (RelayRole)r : null;

    /// <summary>The channel it joined; null until then (and for ever if the channel was full).</summary>
    public RelayChannel? Channel { get; set; }

    /// <summary>The token subject (device), the channel id (host) or the slot's verifier prefix (pairing).</summary>
    public RelayId Subject { get; private set; }

    public long WelcomedAtMs { get; private set; }

    /// <summary>The connection's token expiry, Unix seconds (0 for pairing, which has none).</summary>
    public ulong TokenExpires { get; set; }

    /// <summary>No refreshed token may expire after this, Unix seconds.</summary>
    public ulong Horizon { get; private set; }

    /// <summary>When the last token (WELCOME's or a TOKEN) was issued, for the refresh rate limit.</summary>
    public long LastTokenAtMs { get; set; }

    public long ClosingSinceMs { get; private set; }

    public long FramesIn { get; set; }

    public long FramesOut { get; private set; }

    /// <summary>Slow-consumer bookkeeping, touched by the sweep alone.</summary>
    public long FullSinceMs { get; set; }

    /// <summary>How many frames the send loop had taken when the sweep first saw the queue full.</summary>
    public long DequeuedWhenFull { get; set; }

    public long Dequeued => Volatile.Read(ref _dequeued);

    public int QueueCount => _queue.Count;

    public bool IsClosing => Volatile.Read(ref _closeReason) != Open;

    public RelayCloseReason CloseReason => (RelayCloseReason)Math.Max(0, Volatile.Read(ref _closeReason));

    public void Welcome(RelayRole role, RelayId subject, ulong horizon, ulong tokenExpires, long nowMs)
    {
        Subject = subject;
        Horizon = horizon;
        TokenExpires = tokenExpires;
        WelcomedAtMs = nowMs;
        LastTokenAtMs = nowMs;
        Volatile.Write(ref _role, (int)role);
    }

    /// <summary>Queues a frame the relay made. Never waits: a full queue makes it line up, in order.</summary>
    public void Send(byte[] frame)
    {
        _queue.Post(new OutboundFrame(frame, frame.Length, pooled: false, Stopwatch.GetTimestamp()));
    }

    /// <summary>
    /// Queues a client's frame, in its pooled buffer, waiting for room (backpressure). False if this
    /// connection is closing: the caller still owns the buffer. The send loop is not woken: the
    /// caller's reader does that once per read (<see cref="WebSocketReader.DeferWake"/>).
    /// </summary>
    public ValueTask<bool> ForwardAsync(byte[] buffer, int length)
    {
        return _queue.EnqueueAsync(new OutboundFrame(buffer, length, pooled: true, Stopwatch.GetTimestamp()), wake: false);
    }

    /// <summary>Wakes the send loop for frames queued by <see cref="ForwardAsync"/>.</summary>
    public void WakeSender() => _queue.Wake();

    /// <summary>Answers a client's ping with its payload (RFC 6455 §5.5.3), behind what is queued.</summary>
    public void Pong(ReadOnlySpan<byte> payload) =>
        _queue.Post(new OutboundFrame(payload.ToArray(), payload.Length, pooled: false, Stopwatch.GetTimestamp(), WebSocketFrames.Pong));

    /// <summary>A pong came: the last keepalive ping is answered.</summary>
    public void PongReceived() => _pingUnanswered = false;

    /// <summary>
    /// The sweep's keepalive (§7.6): a ping every <paramref name="interval"/>, and the connection
    /// aborted if one stays unanswered for <paramref name="timeout"/> (zero: never). Monotonic
    /// milliseconds, not the node's clock: a peer's liveness is real time, whatever tests do to tokens.
    /// </summary>
    public void KeepAlive(long now, TimeSpan interval, TimeSpan timeout)
    {
        if (_pingUnanswered)
        {
            if (timeout > TimeSpan.Zero && now - _pingSentAt >= timeout.TotalMilliseconds)
            {
                // Gone without a word: its receive loop ends and its peers hear "lost".
                Abort();
            }

            return;
        }

        if (now - _pingSentAt >= interval.TotalMilliseconds)
        {
            _pingSentAt = now;
            _pingUnanswered = true;
            _queue.Post(new OutboundFrame(EmptyPing, 0, pooled: false, Stopwatch.GetTimestamp(), WebSocketFrames.Ping));
        }
    }

    /// <summary>
    /// Starts closing with <paramref name="reason"/>: leaves the channel (peers are told at once),
    /// stops taking frames, and lets the send loop send the close frame. The first reason wins.
    /// </summary>
    public bool RequestClose(RelayCloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, Open) != Open)
        {
            return false;
        }

        ClosingSinceMs = _node.NowMs;
        _queue.TryComplete();
        _node.OnClosing(this, reason);
        if (reason == RelayCloseReason.SlowConsumer)
        {
            // Its socket buffers are full, so no close frame could reach it: cut it off now.
            Abort();
        }

        return true;
    }

    /// <summary>Cuts the TCP connection: pending reads and writes fail, and the receive loop ends.</summary>
    public void Abort()
    {
        if (!_ended)
        {
            _lifetime.Abort();
        }
    }

    /// <summary>The handler is done with the connection: a late sweep must not abort a finished request.</summary>
    public void Ended() => _ended = true;

    /// <summary>
    /// Sends queued frames until the connection closes, then its close frame (RESTARTING first, if
    /// so). Everything the queue holds when it wakes is framed into one buffer and written at once.
    /// </summary>
    public async Task RunSendLoopAsync()
    {
        var queue = _queue;
        var writer = _writer;
        try
        {
            while (!IsClosing && await queue.WaitToReadAsync().ConfigureAwait(false))
            {
                while (!IsClosing && queue.TryRead(out var frame))
                {
                    // Only this loop writes it; the sweep reads it.
                    Volatile.Write(ref _dequeued, _dequeued + 1);
                    _node.Metrics.QueueDelay.Record(frame.EnqueuedAt);
                    try
                    {
                        await writer.WriteAsync(frame.Opcode, frame.Bytes).ConfigureAwait(false);
                    }
                    finally
                    {
                        frame.Release(_node.Pool);
                    }

                    if (frame.Opcode == WebSocketFrames.Binary)
                    {
                        FramesOut++;
                        _node.Metrics.FrameOut(frame.Length);
                    }
                }

                await writer.FlushAsync().ConfigureAwait(false);
                writer.Release();
            }

            // Whatever was gathered goes out with the close (or with RESTARTING before it).
            await SendCloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is gone; the receive loop sees that too and ends it.
        }
        finally
        {
            writer.Release();
            while (queue.TryRead(out var left))
            {
                left.Release(_node.Pool);
            }
        }
    }

    private async Task SendCloseAsync()
    {
        // "lost" is for PEER_LEFT only (§7.5): a lost connection has no one to tell.
        var reason = CloseReason;
        if (reason == RelayCloseReason.Lost)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
            return;
        }

        if (reason == RelayCloseReason.Restarting)
        {
            var frame = RelayFrames.Restarting(_node.ReconnectDelayMs());
            await _writer.WriteAsync(WebSocketFrames.Binary, frame).ConfigureAwait(false);
            FramesOut++;
            _node.Metrics.FrameOut(frame.Length);
        }

        // RFC 6455 §5.5.1: a 2-byte status code, then the reason's name in UTF-8 (at most 123 bytes).
        var name = reason.ToName();
        var close = new byte[2 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(close, (ushort)reason.CloseCode());
        Encoding.ASCII.GetBytes(name, close.AsSpan(2));
        await _writer.WriteAsync(WebSocketFrames.Close, close).ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);
    }
}
