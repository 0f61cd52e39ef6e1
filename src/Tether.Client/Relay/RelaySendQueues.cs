using System.Net.WebSockets;
using System.Threading.Channels;

namespace Tether.Client.Relay;

/// <summary>
/// A connection's two outgoing queues and the one loop that writes them (a WebSocket allows one send
/// at a time): control frames first, so a REFRESH or KICK never waits behind 32 DATA frames.
/// </summary>
/// <remarks>
/// When a queue is full its senders wait (backpressure). When the connection ends, what is still
/// queued is dropped and counted by the caller (<see cref="DropQueued"/>).
/// </remarks>
internal sealed class RelaySendQueues
{
    // REFRESH, up to four PAIR_OPEN re-sends after a reconnect and the odd KICK or PAIR_CLOSE: a
    // handful at a time. Callers that would overrun it wait, like DATA senders.
    private const int ControlQueueCapacity = 16;

    private readonly Channel<byte[]> _data;
    private readonly Channel<byte[]> _control;

    public RelaySendQueues(int dataCapacity)
    {
        _data = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(dataCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _control = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(ControlQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Queues DATA, waiting while the queue is full; false when the queues are closed.</summary>
    public ValueTask<bool> QueueDataAsync(byte[] frame, CancellationToken cancellationToken) => QueueAsync(_data, frame, cancellationToken);

    /// <summary>Queues a control frame (REFRESH, PAIR_OPEN, PAIR_CLOSE, KICK); false when the queues are closed.</summary>
    public ValueTask<bool> QueueControlAsync(byte[] frame, CancellationToken cancellationToken) => QueueAsync(_control, frame, cancellationToken);

    /// <summary>Queues a control frame if there is room now; false otherwise or when the queues are closed.</summary>
    public bool TryQueueControl(byte[] frame) => _control.Writer.TryWrite(frame);

    /// <summary>Accepts no more frames; the writer sends what is queued, then ends.</summary>
    public void Complete()
    {
        _data.Writer.TryComplete();
        _control.Writer.TryComplete();
    }

    /// <summary>Accepts no more frames and drops what is queued; returns how many were dropped.</summary>
    public long DropQueued()
    {
        Complete();
        long dropped = 0;
        while (_data.Reader.TryRead(out _) || _control.Reader.TryRead(out _))
        {
            dropped++;
        }

        return dropped;
    }

    /// <returns>True when both queues were completed and drained (an orderly close); false when sending failed.</returns>
    public async Task<bool> WriteLoopAsync(RelaySocket socket, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                if (!_control.Reader.TryRead(out var frame) && !_data.Reader.TryRead(out frame))
                {
                    var control = _control.Reader.WaitToReadAsync(stop).AsTask();
                    var data = _data.Reader.WaitToReadAsync(stop).AsTask();
                    var ready = await Task.WhenAny(control, data).ConfigureAwait(false);
                    if (!await ready.ConfigureAwait(false) && !await (ready == control ? data : control).ConfigureAwait(false))
                    {
                        return true; // both queues completed and drained: a normal close is next
                    }

                    continue;
                }

                await socket.SendAsync(frame, stop).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The reader sees the same failure and reports it.
            return false;
        }
    }

    private static async ValueTask<bool> QueueAsync(Channel<byte[]> queue, byte[] frame, CancellationToken cancellationToken)
    {
        try
        {
            await queue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }
}
