using System.Diagnostics;

namespace Tether.Bench;

/// <summary>
/// Runs a candidate and its baseline in alternating rounds, so that drift of the machine (another
/// core busy, frequency changes) hits both alike, and keeps the median time per operation.
/// </summary>
internal static class Measurement
{
    public static Comparison Compare(string name, Action<int> baseline, Action<int> candidate, int opsPerRound, int rounds)
    {
        // Warm-up: tiering (Tier-0 → Tier-1 with PGO) must be done before anything counts.
        for (var i = 0; i < 3; i++)
        {
            baseline(opsPerRound);
            candidate(opsPerRound);
        }

        var baseTimes = new double[rounds];
        var candTimes = new double[rounds];
        long baseAlloc = 0, candAlloc = 0;
        for (var r = 0; r < rounds; r++)
        {
            (baseTimes[r], var ba) = Time(baseline, opsPerRound);
            (candTimes[r], var ca) = Time(candidate, opsPerRound);
            baseAlloc += ba;
            candAlloc += ca;
        }

        var total = (long)opsPerRound * rounds;
        return new Comparison(name, Median(baseTimes), Median(candTimes), (double)baseAlloc / total, (double)candAlloc / total);
    }

    private static (double NanosPerOp, long Allocated) Time(Action<int> body, int ops)
    {
        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        body(ops);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        return (elapsed.TotalNanoseconds / ops, allocated);
    }

    public static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
