using System.Runtime.CompilerServices;

namespace Tether.Relay.Connections;

/// <summary>
/// Reads a client's WebSocket messages off its upgraded connection (RFC 6455, server side): every
/// frame that one read brought in is parsed from the same buffer, so a burst of small frames costs
/// one read, not one per frame. Lengths are checked against <see cref="Limit"/> from the header,
/// before anything is allocated or read for the payload.
/// </summary>
/// <remarks>
/// Idle-friendly: between bursts it waits with a zero-byte read and holds no buffer. A frame that
/// fits the read buffer is unmasked in place and handed out as a slice of it; a bigger one, or a
/// message sent in fragments, is gathered straight into a frame buffer of the right size.
/// Not thread-safe: one receive loop calls it.
/// </remarks>
internal sealed class WebSocketReader(Stream stream, FrameBufferPool pool)
{
    /// <summary>
    /// 16 KiB: about sixty 256-byte frames, so a busy link's backlog comes in with one read; frames
    /// bigger than this bypass it. Rented only while bytes wait in it.
    /// </summary>
    private const int ReadLength = FrameBufferPool.BatchLength;

    private byte[]? _read;
    private int _start;
    private int _end;

    // Payload bytes still to drop: a frame over the limit, a text frame, or a closing connection's.
    private long _skip;

    // The framing was lost (bad header): everything is dropped until the client goes.
    private bool _broken;
    private bool _ended;

    // A fragmented message has begun and its next data frame must be a continuation.
    private bool _inMessage;

    // ... and that message is being dropped, not gathered.
    private bool _dropMessage;

    // The message being gathered into a frame buffer, and the frame whose payload is arriving.
    private byte[]? _sink;
    private int _sinkLength;
    private bool _copying;
    private long _frameRemaining;
    private long _frameOffset;
    private uint _frameMask;
    private bool _frameFin;

    private RelayConnection? _deferred;

    /// <summary>The largest message accepted: <see cref="RelayLimits.MaxHello"/> before WELCOME, then <see cref="RelayLimits.MaxFrame"/>.</summary>
    public int Limit { get; set; } = RelayLimits.MaxHello;

    /// <summary>Set while the connection closes: data is skipped unread, and no frame buffer is taken for it.</summary>
    public bool Discarding { get; set; }

    /// <summary>
    /// Notes that frames were queued for <paramref name="target"/> without waking its send loop: it is
    /// woken once this read's frames for it are all queued (before the next socket read, or when the
    /// next frame goes elsewhere), so a burst leaves in one write instead of one per frame.
    /// </summary>
    public void DeferWake(RelayConnection target)
    {
        if (_deferred != target)
        {
            _deferred?.WakeSender();
            _deferred = target;
        }
    }

    /// <summary>The next message; <see cref="WebSocketMessageKind.End"/> for ever once the client is gone.</summary>
    /// <remarks>Pooled state machine: it suspends on most calls, and a box per read would be the hot path's only allocation.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WebSocketMessage> ReadAsync()
    {
        while (!_ended)
        {
            if (TryTake(out var message))
            {
                return message;
            }

            WakeDeferred();
            int read;
            if (_copying && _start == _end)
            {
                // The rest of a big payload goes straight into its frame buffer.
                ReleaseRead();
                var into = _sink.AsMemory(_sinkLength, (int)Math.Min(_frameRemaining, _sink!.Length - _sinkLength));
                read = await stream.ReadAsync(into).ConfigureAwait(false);
                CopiedToSink(read);
            }
            else
            {
                if (_start == _end)
                {
                    ReleaseRead();
                    await stream.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);
                }

                var buffer = _read ??= pool.RentBatch();
                if (_start > 0)
                {
                    // What is left is the start of one frame, well under the buffer's size.
                    buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
                    _end -= _start;
                    _start = 0;
                }

                read = await stream.ReadAsync(buffer.AsMemory(_end)).ConfigureAwait(false);
                _end += read;
            }

            if (read == 0)
            {
                _ended = true;
                Release();
            }
        }

        return WebSocketMessage.Signal(WebSocketMessageKind.End);
    }

    /// <summary>Gives back every buffer held. The receive loop calls it once it stops reading.</summary>
    public void Release()
    {
        WakeDeferred();
        ReleaseRead();
        ReleaseSink();
    }

    /// <summary>Takes the next message from what is buffered, if a whole one is there.</summary>
    private bool TryTake(out WebSocketMessage message)
    {
        message = default;
        while (true)
        {
            if (_broken)
            {
                _start = _end;
                return false;
            }

            var available = _end - _start;
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, available);
                _start += skipped;
                _skip -= skipped;
                if (_skip > 0)
                {
                    return false;
                }

                continue;
            }

            if (_copying)
            {
                var copied = (int)Math.Min(_frameRemaining, available);
                _read.AsSpan(_start, copied).CopyTo(_sink.AsSpan(_sinkLength));
                _start += copied;
                CopiedToSink(copied);
                if (_copying)
                {
                    return false;
                }

                // The copy moved _start: what is left must be measured again, or the next header
                // would be parsed from bytes past _end (stale bytes of the buffer's last use).
                continue;
            }

            if (_frameFin && _sink is { } gathered)
            {
                // The last frame of a gathered message is in: the frame buffer goes with the message.
                message = WebSocketMessage.InFrameBuffer(gathered, _sinkLength);
                _sink = null;
                _sinkLength = 0;
                _frameFin = false;
                return true;
            }

            var verdict = WebSocketFrames.TryReadClientHeader(_read.AsSpan(_start, available), out var header);
            if (verdict == HeaderVerdict.Incomplete)
            {
                return false;
            }

            if (verdict != HeaderVerdict.Complete)
            {
                message = Break(Describe(verdict));
                return true;
            }

            if (header.IsControl)
            {
                if (TryTakeControl(header, available, out message))
                {
                    return true;
                }

                return false;
            }

            if ((header.Opcode == WebSocketFrames.Continuation) != _inMessage)
            {
                message = Break(_inMessage ? "a new message inside a fragmented one" : "a continuation frame outside a message");
                return true;
            }

            if (TryTakeData(header, available, out message, out var wait))
            {
                return true;
            }

            if (wait)
            {
                return false;
            }
        }
    }

    private bool TryTakeControl(WebSocketFrameHeader header, int available, out WebSocketMessage message)
    {
        message = default;
        var length = (int)header.PayloadLength;
        if (available < header.Length + length)
        {
            return false;
        }

        var offset = _start + header.Length;
        WebSocketFrames.Unmask(_read.AsSpan(offset, length), header.Mask, 0);
        _start = offset + length;
        var kind = header.Opcode switch
        {
            WebSocketFrames.Ping => WebSocketMessageKind.Ping,
            WebSocketFrames.Pong => WebSocketMessageKind.Pong,
            _ => WebSocketMessageKind.Close,
        };
        message = WebSocketMessage.InReadBuffer(kind, _read!, offset, length);
        return true;
    }

    /// <summary>
    /// A binary, text or continuation frame: true with a message to hand out; false with
    /// <paramref name="wait"/> set if more bytes must come first, or clear to go on parsing.
    /// </summary>
    private bool TryTakeData(WebSocketFrameHeader header, int available, out WebSocketMessage message, out bool wait)
    {
        message = default;
        wait = false;
        var length = header.PayloadLength;
        var whole = header.Fin && !_inMessage;
        var text = header.Opcode == WebSocketFrames.Text;
        var tooLarge = !text && !Discarding && !_dropMessage && _sinkLength + length > Limit;
        if (text || tooLarge || Discarding || _dropMessage)
        {
            // Skipped, not read: a text message is refused, one over the limit is never buffered,
            // and a closing connection's data goes nowhere. The rest of its fragments follow it.
            _start += header.Length;
            _skip = length;
            _inMessage = !header.Fin;
            _dropMessage = _inMessage;
            ReleaseSink();
            if (text || tooLarge)
            {
                message = WebSocketMessage.Signal(text ? WebSocketMessageKind.Text : WebSocketMessageKind.TooLarge);
                return true;
            }

            return false;
        }

        if (whole && header.Length + length <= available)
        {
            var offset = _start + header.Length;
            WebSocketFrames.Unmask(_read.AsSpan(offset, (int)length), header.Mask, 0);
            _start = offset + (int)length;
            message = WebSocketMessage.InReadBuffer(WebSocketMessageKind.Binary, _read!, offset, (int)length);
            return true;
        }

        if (whole && header.Length + length <= ReadLength)
        {
            // The rest arrives into the read buffer with the frames behind it.
            wait = true;
            return false;
        }

        // A frame too big for the read buffer, or a fragment: gathered in a frame buffer sized by
        // the header (a whole frame) or by the limit (a fragmented message, whose total is unknown).
        _start += header.Length;
        _sink ??= (whole ? length : Limit) <= FrameBufferPool.SmallLength ? pool.RentSmall() : pool.RentLarge();
        _inMessage = !header.Fin;
        _copying = true;
        _frameRemaining = length;
        _frameOffset = 0;
        _frameMask = header.Mask;
        _frameFin = header.Fin;
        CopiedToSink(0);
        return false;
    }

    /// <summary>Unmasks <paramref name="count"/> payload bytes just put at the end of the frame buffer.</summary>
    private void CopiedToSink(int count)
    {
        WebSocketFrames.Unmask(_sink.AsSpan(_sinkLength, count), _frameMask, _frameOffset);
        _sinkLength += count;
        _frameOffset += count;
        _frameRemaining -= count;
        _copying = _frameRemaining > 0;
    }

    private WebSocketMessage Break(string detail)
    {
        _broken = true;
        _start = _end;
        ReleaseSink();
        return WebSocketMessage.Signal(WebSocketMessageKind.Malformed, detail);
    }

    private static string Describe(HeaderVerdict verdict) => verdict switch
    {
        HeaderVerdict.ReservedBits => "reserved bits set",
        HeaderVerdict.UnknownOpcode => "reserved opcode",
        HeaderVerdict.Unmasked => "unmasked client frame",
        HeaderVerdict.BadLength => "64-bit length with its top bit set",
        _ => "fragmented or oversized control frame",
    };

    /// <summary>Wakes the send loop of the connection that frames were last queued for, if any.</summary>
    public void WakeDeferred()
    {
        _deferred?.WakeSender();
        _deferred = null;
    }

    private void ReleaseRead()
    {
        _start = 0;
        _end = 0;
        if (_read is { } read)
        {
            _read = null;
            pool.Return(read);
        }
    }

    private void ReleaseSink()
    {
        _copying = false;
        _frameFin = false;
        _sinkLength = 0;
        if (_sink is { } sink)
        {
            _sink = null;
            pool.Return(sink);
        }
    }
}
