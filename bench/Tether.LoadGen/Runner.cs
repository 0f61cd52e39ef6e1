using System.Runtime.CompilerServices;
using Tether.LoadGen.Measure;
using Tether.LoadGen.Scenarios;
using Tether.LoadGen.Targets;

namespace Tether.LoadGen;

/// <summary>
/// Runs the chosen scenarios against one target. Idle memory goes first, while the target's heap
/// has seen nothing but a warm-up: after the throughput runs its pools would already hold the
/// memory that new connections then reuse, and the figure would read low. Then every throughput
/// shape runs once untimed, because a freshly started .NET target needs seconds of traffic before
/// its code is fully optimized (the first pass read up to 25% low), and nginx gets the same.
/// </summary>
internal static class Runner
{
    /// <summary>Longest wait for the target to go quiet (closing thousands of connections) before
    /// the next measurement starts.</summary>
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(10);

    public static async IAsyncEnumerable<ScenarioResult> RunAsync(RunOptions options, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var target = CreateTarget(options);
        var process = options.Pid is { } pid ? new TargetProcess(pid) : null;
        if (options.Scenarios.Contains("idle") && process is not null)
        {
            yield return await IdleMemoryScenario.RunAsync(
                target, process, options.Name, options.Round, options.IdleConnections, options.SettleLimit, cancel);
            await process.WaitForQuietAsync(QuietLimit, cancel);
        }

        if (options.Scenarios.Contains("throughput"))
        {
            foreach (var (pairs, payload) in ThroughputShapes())
            {
                await ThroughputScenario.RunAsync(
                    target, options.Name, options.Round, payload, pairs, options.Window,
                    TimeSpan.Zero, options.ThroughputWarmup, cancel);
            }

            foreach (var (pairs, payload) in ThroughputShapes())
            {
                yield return await ThroughputScenario.RunAsync(
                    target, options.Name, options.Round, payload, pairs, options.Window,
                    options.ThroughputWarmup, options.ThroughputDuration, cancel);
            }
        }

        if (options.Scenarios.Contains("latency"))
        {
            yield return await LatencyScenario.RunAsync(
                target, options.Name, options.Round, RunOptions.LatencyPayload, options.LatencyWarmup, options.LatencySamples, cancel);
        }
    }

    private static IEnumerable<(int Pairs, int Payload)> ThroughputShapes() =>
        from pairs in RunOptions.ThroughputPairs
        from payload in RunOptions.ThroughputPayloads
        select (pairs, payload);

    private static ITarget CreateTarget(RunOptions options) => options.Adapter switch
    {
        "echo" => new EchoTarget(options.Url),
        "relay" => new RelayTarget(options.Url),
        _ => throw new ArgumentException($"unknown adapter '{options.Adapter}'", nameof(options)),
    };
}
