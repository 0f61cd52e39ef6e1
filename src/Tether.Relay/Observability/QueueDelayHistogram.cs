using System.Diagnostics;

namespace Tether.Relay.Observability;

/// <summary>
/// How long frames wait in send queues (enqueue to the start of their send), as a Prometheus
/// histogram. Lock-free: one atomic add per bucket hit, per count and per sum.
/// </summary>
internal sealed class QueueDelayHistogram
{
    /// <summary>Upper bounds in seconds: 100 µs (an idle link) to 5 s (the slow-consumer deadline).</summary>
    public static readonly double[] Bounds = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

    private static readonly long[] BoundTicks = Bounds.Select(b => (long)(b * Stopwatch.Frequency)).ToArray();

    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private long _count;
    private long _sumTicks;

    public void Record(long enqueuedTimestamp)
    {
        var ticks = Math.Max(0, Stopwatch.GetTimestamp() - enqueuedTimestamp);
        var i = 0;
        while (i < BoundTicks.Length && ticks > BoundTicks[i])
        {
            i++;
        }

        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumTicks, ticks);
    }

    /// <summary>The count in each bucket (not cumulative; the last is above every bound).</summary>
    public long[] Buckets()
    {
        var copy = new long[_buckets.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _buckets[i]);
        }

        return copy;
    }

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => (double)Interlocked.Read(ref _sumTicks) / Stopwatch.Frequency;
}
