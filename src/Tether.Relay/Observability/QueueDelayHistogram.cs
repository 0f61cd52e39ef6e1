using System.Diagnostics;

namespace Tether.Relay.Observability;

/// <summary>
/// How long frames wait in send queues (enqueue to the start of their send), as a Prometheus
/// histogram. Recorded for every frame sent, from every core, so its counts are striped per core
/// (<see cref="StripedCounters"/>): the bucket, the count and the sum each take one uncontended add.
/// </summary>
internal sealed class QueueDelayHistogram
{
    /// <summary>Upper bounds in seconds: 100 µs (an idle link) to 5 s (the slow-consumer deadline).</summary>
    public static readonly double[] Bounds = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

    private static readonly long[] BoundTicks = Bounds.Select(b => (long)(b * Stopwatch.Frequency)).ToArray();

    private const int CountCounter = 0;
    private const int SumCounter = 1;
    private const int FirstBucket = 2;

    private readonly StripedCounters _counters = new(FirstBucket + Bounds.Length + 1);

    public void Record(long enqueuedTimestamp)
    {
        var ticks = Math.Max(0, Stopwatch.GetTimestamp() - enqueuedTimestamp);
        var i = 0;
        while (i < BoundTicks.Length && ticks > BoundTicks[i])
        {
            i++;
        }

        _counters.Add(FirstBucket + i, 1);
        _counters.Add(CountCounter, 1);
        _counters.Add(SumCounter, ticks);
    }

    /// <summary>The count in each bucket (not cumulative; the last is above every bound).</summary>
    public long[] Buckets()
    {
        var copy = new long[Bounds.Length + 1];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = _counters.Sum(FirstBucket + i);
        }

        return copy;
    }

    public long Count => _counters.Sum(CountCounter);

    public double SumSeconds => (double)_counters.Sum(SumCounter) / Stopwatch.Frequency;
}
