using System.Globalization;
using System.Text;
using System.Text.Json;
using Tether.LoadGen.Scenarios;

namespace Tether.LoadGen.Report;

/// <summary>
/// Turns the load generator's JSON lines from all rounds into the markdown table of
/// bench/README.md: the median over rounds per target, relay / nginx, and a verdict against the
/// targets of issue 3.
/// </summary>
internal static class ReportTable
{
    private static readonly string[] Targets = ["echo", "nginx", "relay"];

    private sealed record Row(string Label, Func<ScenarioResult, bool> Match, Func<ScenarioResult, double?> Value, Func<double, string> Format, Goal? Goal);

    private static readonly Row[] Rows =
    [
        new("RTT p50, 256 B, 1 in flight", r => r.Scenario == "latency", r => r.P50Micros, Micros, Goal.RatioAtMost(1.5)),
        new("RTT p99, 256 B, 1 in flight", r => r.Scenario == "latency", r => r.P99Micros, Micros, null),
        Throughput(256, 1, Goal.RatioAtLeast(0.8)),
        Throughput(16 * 1024, 1, null),
        Throughput(256, 64, Goal.RatioAtLeast(0.8)),
        Throughput(16 * 1024, 64, null),
        new("memory per idle connection", r => r.Scenario == "idle", r => r.BytesPerConnection, KiB, Goal.ValueAtMost(16 * 1024, "≤ 16 KiB")),
    ];

    public static string Render(IEnumerable<string> jsonLines)
    {
        var results = jsonLines
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonSerializer.Deserialize<ScenarioResult>(l, ScenarioResult.Json)!)
            .ToList();
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var rounds = results.Select(r => r.Round).Distinct().Count();
        var window = results.FirstOrDefault(r => r.Scenario == "throughput")?.Window;
        var idle = results.FirstOrDefault(r => r.Scenario == "idle")?.Connections;
        text.AppendLine(inv, $"Medians of {rounds} round(s); throughput with {window} frames in flight per pair; idle memory with {idle:N0} connections.");
        text.AppendLine();
        text.AppendLine("| measurement | echo (no relay) | nginx | relay | relay / nginx | target | verdict |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in Rows)
        {
            var medians = Targets.ToDictionary(t => t, t => Median(results.Where(r => r.Target == t && row.Match(r)).Select(row.Value)));
            double? ratio = medians["relay"] is { } relay && medians["nginx"] is { } nginx && nginx > 0 ? relay / nginx : null;
            var verdict = row.Goal is null ? "" : medians["relay"] is { } value ? (row.Goal.Pass(value, ratio) ? "PASS" : "FAIL") : "not run";
            text.AppendLine(inv, $"| {row.Label} | {Cell(medians["echo"], row)} | {Cell(medians["nginx"], row)} | {Cell(medians["relay"], row)} | {(ratio is { } x ? x.ToString("0.00", inv) : "—")} | {row.Goal?.Text ?? ""} | {verdict} |");
        }

        return text.ToString();
    }

    private static Row Throughput(int payload, int pairs, Goal? goal) => new(
        string.Create(CultureInfo.InvariantCulture, $"round trips/s, {(payload >= 1024 ? $"{payload / 1024} KiB" : $"{payload} B")}, {pairs} pair{(pairs == 1 ? "" : "s")}"),
        r => r.Scenario == "throughput" && r.PayloadBytes == payload && r.Pairs == pairs,
        r => r.RoundTripsPerSecond,
        PerSecond,
        goal);

    private static string Cell(double? value, Row row) => value is { } v ? row.Format(v) : "—";

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Micros(double v) => string.Create(CultureInfo.InvariantCulture, $"{v:0} µs");

    private static string PerSecond(double v) => string.Create(CultureInfo.InvariantCulture, $"{v / 1000:0.0}k");

    private static string KiB(double v) => string.Create(CultureInfo.InvariantCulture, $"{v / 1024:0.0} KiB");
}
