using System.Net.WebSockets;
using System.Threading.Channels;
using Tether.Client.Relay.Events;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// One WebSocket to the relay, from CHALLENGE to close (docs/protocol.md §7.3). The
/// <see cref="RelayClient"/> makes a new one for every attempt; nothing here survives a reconnect.
/// </summary>
/// <remarks>
/// Three loops run once welcomed: the reader turns frames into events (<see cref="RelayEventPublisher"/>);
/// the writer sends control frames first, then DATA, one at a time (<see cref="RelaySendQueues"/>); the
/// refresher sends REFRESH when the token runs low (<see cref="TokenRefresher"/>). The first of reader
/// and writer to end ends the connection.
/// </remarks>
internal sealed class RelayConnection : IAsyncDisposable
{
    // A closing handshake or a last flush that takes longer than this is not going to finish.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly RelaySocket _socket;
    private readonly RelayClientOptions _options;
    private readonly RelaySendQueues _queues;
    private readonly CancellationTokenSource _stop = new();
    private Task<bool>? _writer;

    private RelayConnection(RelaySocket socket, RelayClientOptions options)
    {
        _socket = socket;
        _options = options;
        _queues = new RelaySendQueues(options.SendQueueCapacity);
    }

    /// <summary>Opens the WebSocket (TCP, TLS, upgrade) within the connect timeout.</summary>
    public static async Task<RelayConnection> OpenAsync(Uri uri, HttpMessageInvoker invoker, RelayClientOptions options, RelayClientCounters counters, CancellationToken cancellationToken) =>
        new(await RelaySocket.OpenAsync(uri, invoker, options, counters, cancellationToken).ConfigureAwait(false), options);

    /// <summary>Reads one frame before WELCOME; a null frame when the relay closed instead, with its reason.</summary>
    public async Task<(byte[]? Frame, RelayCloseReason? Reason)> ReadHandshakeFrameAsync(CancellationToken cancellationToken)
    {
        // Nothing before WELCOME is bigger than a WELCOME (98 bytes); a larger frame is a broken relay.
        var buffer = new byte[RelayFrames.MaxHello];
        var (count, closed) = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        return closed ? (null, _socket.CloseReason()) : (buffer[..count], null);
    }

    /// <summary>Sends HELLO; the only frame written before the writer loop starts.</summary>
    public Task SendHelloAsync(byte[] hello, CancellationToken cancellationToken) => _socket.SendAsync(hello, cancellationToken);

    /// <summary>Queues DATA, waiting while the queue is full; false when this connection has ended.</summary>
    public ValueTask<bool> QueueDataAsync(byte[] frame, CancellationToken cancellationToken) => _queues.QueueDataAsync(frame, cancellationToken);

    /// <summary>Queues a control frame (REFRESH, PAIR_OPEN, PAIR_CLOSE, KICK); false when this connection has ended.</summary>
    public ValueTask<bool> QueueControlAsync(byte[] frame, CancellationToken cancellationToken) => _queues.QueueControlAsync(frame, cancellationToken);

    /// <summary>Queues a control frame if there is room now; false otherwise or when the connection has ended.</summary>
    public bool TryQueueControl(byte[] frame) => _queues.TryQueueControl(frame);

    /// <summary>
    /// Runs the connection after WELCOME until it ends; returns the relay's close reason (null for a
    /// drop or a malformed frame) and RESTARTING's hint if one came.
    /// </summary>
    public async Task<(RelayCloseReason? Reason, TimeSpan? RestartHint)> RunAsync(RelayRole role, ChannelWriter<RelayEvent> events, RelayTokenSlot token, Action<string> misbehaved)
    {
        var stop = _stop.Token;
        var refresher = new TokenRefresher(_options, token, _queues, _socket.Counters);
        _writer = _queues.WriteLoopAsync(_socket, stop);
        var reader = new RelayEventPublisher(_socket, role, events, refresher, misbehaved).RunAsync(stop);
        var refreshing = role == RelayRole.Pairing ? Task.CompletedTask : refresher.RunAsync(stop);
        var first = await Task.WhenAny(reader, _writer).ConfigureAwait(false);
        if (first == _writer && _writer.Result)
        {
            // The writer drained its closed queues: an orderly close (CloseAsync) is under way, and the
            // reader ends on the relay's answer or when the client aborts.
            await reader.ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        await Task.WhenAll(Quietly(_writer), Quietly(refreshing)).ConfigureAwait(false);
        return reader.IsCompletedSuccessfully ? reader.Result : (null, null);
    }

    /// <summary>Stops accepting frames and drops what is queued; returns how many were dropped.</summary>
    public long DropQueued() => _queues.DropQueued();

    /// <summary>
    /// Closes the connection normally (1000): lets the writer flush what is queued, sends the close
    /// frame, and gives the relay a moment to answer; aborts whatever takes longer.
    /// </summary>
    public async Task CloseAsync()
    {
        _queues.Complete();
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            if (_writer is not null)
            {
                await _writer.WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            await _socket.CloseNormallyAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The relay is gone or slow; abort below.
        }
    }

    /// <summary>Drops the connection at once; the reader ends.</summary>
    public void Abort() => _socket.Abort();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
            // The connection is over; its loops' endings were already accounted for.
        }
    }
}
