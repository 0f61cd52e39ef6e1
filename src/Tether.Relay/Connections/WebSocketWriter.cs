namespace Tether.Relay.Connections;

/// <summary>
/// Writes server frames (RFC 6455, unmasked, never fragmented) to the upgraded connection: small
/// frames are framed into one gathering buffer and leave together in one write, which Kestrel
/// flushes once, so a queue's worth of small frames costs one <c>send</c> instead of one each.
/// </summary>
/// <remarks>
/// Only the connection's send loop writes (frames, pongs, pings, the close), so nothing here needs
/// a lock. The gathering buffer is rented for one batch and given back when the queue runs dry: an
/// idle connection holds none.
/// </remarks>
internal sealed class WebSocketWriter(Stream stream, FrameBufferPool pool)
{
    /// <summary>
    /// 16 KiB: sixty 256-byte frames, more than a full queue of them. Not room for the largest frame:
    /// that would take a 64 KiB buffer per busy connection (the first try, with 128 KiB arrays from the
    /// shared array pool, landed on the large-object heap whenever the pool ran short); a frame that
    /// does not fit goes out from its own buffer.
    /// </summary>
    private const int GatherLength = FrameBufferPool.BatchLength;

    private byte[]? _gather;
    private int _count;

    /// <summary>Frames one message behind the others; writes only what no longer fits.</summary>
    public ValueTask WriteAsync(byte opcode, ReadOnlyMemory<byte> payload)
    {
        var length = WebSocketFrames.ServerHeaderLength(payload.Length) + payload.Length;
        if (_count + length <= GatherLength)
        {
            var gather = _gather ??= pool.RentBatch();
            _count += WebSocketFrames.WriteServerHeader(gather.AsSpan(_count), opcode, payload.Length);
            payload.Span.CopyTo(gather.AsSpan(_count));
            _count += payload.Length;
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(opcode, payload, length);
    }

    /// <summary>Sends what is gathered, in one write.</summary>
    public async ValueTask FlushAsync()
    {
        if (_count == 0)
        {
            return;
        }

        var count = _count;
        _count = 0;
        await stream.WriteAsync(_gather.AsMemory(0, count)).ConfigureAwait(false);
    }

    /// <summary>Gives the gathering buffer back (whatever was in it is dropped): once idle, or once done.</summary>
    public void Release()
    {
        _count = 0;
        if (_gather is { } gather)
        {
            _gather = null;
            pool.Return(gather);
        }
    }

    private async ValueTask WriteSlowAsync(byte opcode, ReadOnlyMemory<byte> payload, int length)
    {
        if (length <= GatherLength)
        {
            // Fits an empty buffer: send what is gathered, then start again with this frame.
            await FlushAsync().ConfigureAwait(false);
            await WriteAsync(opcode, payload).ConfigureAwait(false);
            return;
        }

        // Too big to gather: its header joins what is gathered, and the payload follows from its own
        // buffer (two writes that Kestrel's output usually sends together).
        var gather = _gather ??= pool.RentBatch();
        if (_count + WebSocketFrames.MaxServerHeader > gather.Length)
        {
            await FlushAsync().ConfigureAwait(false);
        }

        _count += WebSocketFrames.WriteServerHeader(gather.AsSpan(_count), opcode, payload.Length);
        await FlushAsync().ConfigureAwait(false);
        await stream.WriteAsync(payload).ConfigureAwait(false);
    }
}
