using System.Diagnostics;
using Tether.LoadGen.Targets;

namespace Tether.LoadGen.Scenarios;

/// <summary>
/// Round-trip time with exactly one frame in flight: the cost a target adds to a single exchange,
/// with no batching to hide it. The samples come from several links in turn, because on two cores
/// one connection's figure depends on where the scheduler happened to put the processes serving it
/// (nginx's worker, the load generator's thread), and that luck varied single runs by a third.
/// </summary>
internal static class LatencyScenario
{
    /// <summary>Links measured one after the other; their samples are pooled.</summary>
    private const int Links = 4;

    public static async Task<ScenarioResult> RunAsync(
        ITarget target, string name, int round, int payloadBytes, int warmup, int samples, CancellationToken cancel)
    {
        var ticks = new long[samples / Links * Links];
        var perLink = ticks.Length / Links;
        for (var l = 0; l < Links; l++)
        {
            await using var link = await target.OpenLinkAsync(payloadBytes, cancel);
            for (var i = 0; i < warmup / Links; i++)
            {
                await link.SendAsync(cancel);
                await link.ReceiveAsync(cancel);
            }

            for (var i = l * perLink; i < (l + 1) * perLink; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await link.SendAsync(cancel);
                await link.ReceiveAsync(cancel);
                ticks[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        Array.Sort(ticks);
        return new ScenarioResult
        {
            Target = name,
            Round = round,
            Scenario = "latency",
            PayloadBytes = payloadBytes,
            Pairs = 1,
            Window = 1,
            P50Micros = Micros(ticks[ticks.Length / 2]),
            P99Micros = Micros(ticks[ticks.Length * 99 / 100]),
        };
    }

    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
