using System.Collections.Concurrent;

namespace Tether.Relay.Connections;

/// <summary>
/// Buffers for frames read from clients, in two sizes: a small one that every frame starts in, and
/// a large one that holds a whole frame plus one byte (so that a message one byte over
/// <see cref="RelayLimits.MaxFrame"/> is detected without reading further), taken only once a frame
/// has filled the small one. A buffer goes from the reader's connection through the receiver's queue
/// to its send, and back here: the relay never copies a DATA payload, except the first
/// <see cref="SmallLength"/> bytes of a frame that outgrows its small buffer.
/// </summary>
/// <remarks>
/// Why two sizes: most frames are small (keystrokes, screen updates), and up to 32 frames per
/// connection sit in queues. Giving each a 64 KiB buffer meant thousands of 64 KiB buffers in
/// flight under load, far more than any pool kept, so most frames allocated 64 KiB afresh and the
/// GC spent more time than the relay (page faults, copying survivors). Small buffers are cheap to
/// keep by the thousand. Not <c>ArrayPool&lt;byte&gt;.Shared</c>: it keeps only a few dozen arrays
/// per size on each core (too few for what is in flight) and would round 65,541 bytes up to 128 KiB.
/// Rented only once a message has started arriving: idle connections hold none.
/// </remarks>
internal sealed class FrameBufferPool
{
    /// <summary>
    /// 4 KiB: a whole small frame, and a page. A larger frame pays one copy of this much when it
    /// moves to a large buffer, a few percent of what its bytes cost on the way in and out anyway.
    /// </summary>
    public const int SmallLength = 4096;

    /// <summary>One frame and the byte that proves a message too long.</summary>
    public const int LargeLength = RelayLimits.MaxFrame + 1;

    // Enough for every queue of 128 busy connections (32 frames each) plus their reads and sends:
    // 16 MiB of small buffers. Beyond that the GC takes them back.
    private readonly Shelf _small = new(SmallLength, maxRetained: 4096);

    // 256 large buffers (16 MiB): bulk transfers on a few connections reuse them; a burst beyond
    // that allocates, as it must, and is collected.
    private readonly Shelf _large = new(LargeLength, maxRetained: 256);

    public byte[] RentSmall() => _small.Rent();

    public byte[] RentLarge() => _large.Rent();

    /// <summary>Takes back a buffer from either <see cref="RentSmall"/> or <see cref="RentLarge"/>; others are ignored.</summary>
    public void Return(byte[] buffer)
    {
        switch (buffer.Length)
        {
            case SmallLength:
                _small.Return(buffer);
                break;
            case LargeLength:
                _large.Return(buffer);
                break;
        }
    }

    /// <summary>Free buffers of one size: a lock-free queue with a soft cap on how many it keeps.</summary>
    private sealed class Shelf(int length, int maxRetained)
    {
        private readonly ConcurrentQueue<byte[]> _free = new();
        private int _count;

        public byte[] Rent()
        {
            if (_free.TryDequeue(out var buffer))
            {
                Interlocked.Decrement(ref _count);
                return buffer;
            }

            // Uninitialized: every byte sent is one that was read into it first.
            return GC.AllocateUninitializedArray<byte>(length);
        }

        public void Return(byte[] buffer)
        {
            if (Interlocked.Increment(ref _count) > maxRetained)
            {
                Interlocked.Decrement(ref _count);
                return;
            }

            _free.Enqueue(buffer);
        }
    }
}
