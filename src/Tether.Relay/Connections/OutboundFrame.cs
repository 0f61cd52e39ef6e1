namespace Tether.Relay.Connections;

/// <summary>
/// A message in a connection's send queue: either a pooled buffer that a client sent (DATA, forwarded
/// in place) or a small frame the relay made, or a WebSocket control frame (ping, pong). Whoever
/// takes it out of the queue, or fails to put it in, calls <see cref="Release"/>.
/// </summary>
internal readonly struct OutboundFrame(byte[] buffer, int length, bool pooled, long enqueuedAt, byte opcode = WebSocketFrames.Binary)
{
    public ReadOnlyMemory<byte> Bytes => buffer.AsMemory(0, length);

    public int Length => length;

    /// <summary>The WebSocket opcode it goes out with: binary for relay frames.</summary>
    public byte Opcode => opcode;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp, for the queue-delay histogram.</summary>
    public long EnqueuedAt => enqueuedAt;

    public void Release(FrameBufferPool pool)
    {
        if (pooled)
        {
            pool.Return(buffer);
        }
    }
}
