using System.Numerics;

namespace Tether.Relay.Observability;

/// <summary>
/// A few counters added to on every frame, kept once per core: each thread adds into the cache line
/// of the core it runs on, so two cores forwarding at once never fight over one line (a shared
/// counter bounced between them on every frame). <c>/metrics</c> sums the stripes.
/// </summary>
/// <remarks>
/// The add is still atomic, because a thread can move to another core between reading its core
/// number and adding; on a line no other core touches, that costs next to nothing.
/// </remarks>
internal sealed class StripedCounters
{
    /// <summary>8 longs: one 64-byte cache line.</summary>
    private const int LineLongs = 8;

    private static readonly int Stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount);

    private readonly int _stride;
    private readonly long[] _values;

    public StripedCounters(int counters)
    {
        // Whole cache lines per stripe, and one line of padding in front, so no stripe shares a
        // line with another stripe or with the array's header.
        _stride = (counters + LineLongs - 1) / LineLongs * LineLongs;
        _values = new long[LineLongs + (Stripes * _stride)];
    }

    public void Add(int counter, long value) =>
        Interlocked.Add(ref _values[LineLongs + ((Thread.GetCurrentProcessorId() & (Stripes - 1)) * _stride) + counter], value);

    public long Sum(int counter)
    {
        long sum = 0;
        for (var s = 0; s < Stripes; s++)
        {
            sum += Volatile.Read(ref _values[LineLongs + (s * _stride) + counter]);
        }

        return sum;
    }
}
