using System.Collections.Concurrent;

namespace Tether.Relay.Connections;

/// <summary>
/// Buffers for frames read from clients: each holds one whole frame plus one byte, so that a
/// message one byte over <see cref="RelayLimits.MaxFrame"/> is detected without reading further.
/// A buffer goes from the reader's connection through the receiver's queue to its send, and back
/// here: the relay never copies a DATA payload.
/// </summary>
/// <remarks>
/// Not <c>ArrayPool&lt;byte&gt;.Shared</c>: it would round 65,541 bytes up to 128 KiB, doubling the
/// memory of every queued frame. Rented only once a message has started arriving (idle connections
/// hold none); at most <see cref="MaxRetained"/> free buffers are kept.
/// </remarks>
internal sealed class FrameBufferPool
{
    /// <summary>One frame and the byte that proves a message too long.</summary>
    public const int BufferLength = RelayLimits.MaxFrame + 1;

    /// <summary>256 buffers (16 MiB) kept free for the next frames; beyond that the GC takes them back.</summary>
    private const int MaxRetained = 256;

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _count;

    public byte[] Rent()
    {
        if (_free.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref _count);
            return buffer;
        }

        return GC.AllocateUninitializedArray<byte>(BufferLength);
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length != BufferLength)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > MaxRetained)
        {
            Interlocked.Decrement(ref _count);
            return;
        }

        _free.Enqueue(buffer);
    }
}
