namespace Tether.Relay.Connections;

/// <summary>
/// A frame in a connection's send queue: either a pooled buffer that a client sent (DATA, forwarded
/// in place) or a small frame the relay made. Whoever takes it out of the queue, or fails to put it
/// in, calls <see cref="Release"/>.
/// </summary>
internal readonly struct OutboundFrame(byte[] buffer, int length, bool pooled, long enqueuedAt)
{
    public ReadOnlyMemory<byte> Bytes => buffer.AsMemory(0, length);

    public int Length => length;

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
