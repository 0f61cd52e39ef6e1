using System.Globalization;

namespace Tether.LoadGen.Report;

/// <summary>A target from issue 3 that one row of the table is held to.</summary>
internal sealed record Goal(string Text, Func<double, double?, bool> Pass)
{
    /// <summary>relay / nginx must be at most <paramref name="limit"/>.</summary>
    public static Goal RatioAtMost(double limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"≤ {limit:0.0#}× nginx"), (_, ratio) => ratio <= limit);

    /// <summary>relay / nginx must be at least <paramref name="limit"/>.</summary>
    public static Goal RatioAtLeast(double limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"≥ {limit:0.0#}× nginx"), (_, ratio) => ratio >= limit);

    /// <summary>The relay's own figure must be at most <paramref name="limit"/> (in the row's unit).</summary>
    public static Goal ValueAtMost(double limit, string text) => new(text, (relay, _) => relay <= limit);
}
