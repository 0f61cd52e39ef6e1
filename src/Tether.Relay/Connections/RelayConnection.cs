using System.Diagnostics;
using System.Net.WebSockets;
using Tether.Protocol.Relay;
using Tether.Relay.Hosting;
using Tether.Relay.Routing;

namespace Tether.Relay.Connections;

/// <summary>
/// One client's WebSocket: who it is, its bounded send queue and the loop that drains it, and how it
/// closes. Its receive loop lives in <see cref="ConnectionHandler"/>; deadlines are checked by the
/// node's one sweep (<see cref="Sweeper"/>), so a connection holds no timer.
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

    private readonly WebSocket _socket;
    private readonly BatchingStream? _batch;
    private readonly SendQueue _queue;
    private readonly RelayNode _node;
    private int _closeReason = Open;
    private int _role;
    private long _dequeued;
    private string? _channelTag;

    public RelayConnection(RelayNode node, WebSocket socket, BatchingStream? batch, uint peerId, RelayId channelId, long nowMs)
    {
        _node = node;
        _socket = socket;
        _batch = batch;
        PeerId = peerId;
        ChannelId = channelId;
        AcceptedAtMs = nowMs;
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
    /// connection is closing: the caller still owns the buffer.
    /// </summary>
    public ValueTask<bool> ForwardAsync(byte[] buffer, int length)
    {
        return _queue.EnqueueAsync(new OutboundFrame(buffer, length, pooled: true, Stopwatch.GetTimestamp()));
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

    public void Abort() => _socket.Abort();

    /// <summary>Sends queued frames until the connection closes, then its close frame (RESTARTING first, if so).</summary>
    public async Task RunSendLoopAsync()
    {
        var queue = _queue;
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
                        // Frames with others queued behind them are gathered and leave with the last.
                        _batch?.MoreToCome = queue.Count > 0;
                        await _socket.SendAsync(frame.Bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                    }
                    finally
                    {
                        frame.Release(_node.Pool);
                    }

                    FramesOut++;
                    _node.Metrics.FrameOut(frame.Length);
                }
            }

            // Whatever was gathered goes out with the close (or with RESTARTING before it).
            _batch?.MoreToCome = false;
            await SendCloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is gone; the receive loop sees that too and ends the connection.
        }
        finally
        {
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
        if (reason == RelayCloseReason.Lost || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        if (reason == RelayCloseReason.Restarting)
        {
            var frame = RelayFrames.Restarting(_node.ReconnectDelayMs());
            await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            FramesOut++;
            _node.Metrics.FrameOut(frame.Length);
        }

        await _socket.CloseOutputAsync((WebSocketCloseStatus)reason.CloseCode(), reason.ToName(), CancellationToken.None).ConfigureAwait(false);
    }
}
