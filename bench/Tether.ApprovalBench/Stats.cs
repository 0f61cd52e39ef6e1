namespace Tether.ApprovalBench;

/// <summary>Percentiles of a list of milliseconds (nearest rank).</summary>
internal sealed record Stats(double P50, double P99, int Count)
{
    public static Stats Of(List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Stats(At(0.50), At(0.99), sorted.Length);
    }
}
