namespace Tether.Relay.Connections;

/// <summary>
/// One message from <see cref="WebSocketReader"/>. Its payload, already unmasked, is either a slice
/// of the reader's read buffer (valid until the next read) or, for a frame too big for that buffer or
/// one sent in fragments, a buffer from the <see cref="FrameBufferPool"/> that the receiver now owns.
/// </summary>
internal readonly struct WebSocketMessage
{
    private readonly byte[]? _buffer;
    private readonly int _offset;

    private WebSocketMessage(WebSocketMessageKind kind, byte[]? buffer, int offset, int length, bool pooled, string? detail)
    {
        Kind = kind;
        _buffer = buffer;
        _offset = offset;
        Length = length;
        IsPooled = pooled;
        Detail = detail;
    }

    public WebSocketMessageKind Kind { get; }

    public int Length { get; }

    /// <summary>The payload's buffer is a frame buffer, passed on with the message (see <see cref="TakeBuffer"/>).</summary>
    public bool IsPooled { get; }

    /// <summary>For <see cref="WebSocketMessageKind.Malformed"/>: a fixed phrase for the log, never client bytes.</summary>
    public string? Detail { get; }

    public Span<byte> Payload => _buffer.AsSpan(_offset, Length);

    public static WebSocketMessage Signal(WebSocketMessageKind kind, string? detail = null) => new(kind, null, 0, 0, pooled: false, detail);

    public static WebSocketMessage InReadBuffer(WebSocketMessageKind kind, byte[] buffer, int offset, int length) => new(kind, buffer, offset, length, pooled: false, null);

    public static WebSocketMessage InFrameBuffer(byte[] buffer, int length) => new(WebSocketMessageKind.Binary, buffer, 0, length, pooled: true, null);

    /// <summary>
    /// The payload in a frame buffer of the receiver's own: the one it came in, or (for a slice of the
    /// read buffer) a right-sized one from <paramref name="pool"/> that it is copied into.
    /// </summary>
    public byte[] TakeBuffer(FrameBufferPool pool)
    {
        if (IsPooled)
        {
            return _buffer!;
        }

        var buffer = Length <= FrameBufferPool.SmallLength ? pool.RentSmall() : pool.RentLarge();
        Payload.CopyTo(buffer);
        return buffer;
    }

    /// <summary>Gives a frame buffer back if the message held one and nobody took it.</summary>
    public void Release(FrameBufferPool pool)
    {
        if (IsPooled)
        {
            pool.Return(_buffer!);
        }
    }
}
