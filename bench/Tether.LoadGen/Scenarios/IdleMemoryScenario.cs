using System.Collections.Concurrent;
using Tether.LoadGen.Measure;
using Tether.LoadGen.Targets;

namespace Tether.LoadGen.Scenarios;

/// <summary>
/// Memory per idle connection: the growth of the target's resident memory while it holds
/// <c>connections</c> open, authenticated, silent connections, divided by their number.
/// </summary>
internal static class IdleMemoryScenario
{
    /// <summary>Connections opened at once: fast, yet far below the listen backlog.</summary>
    private const int OpenConcurrency = 32;

    /// <summary>Links opened, used once and closed before the first reading, so that code paths
    /// are compiled and pools primed before anything counts.</summary>
    private const int WarmupLinks = 64;

    /// <summary>The idle links carry no traffic; the smallest frame keeps their buffers small.</summary>
    private const int PayloadBytes = 1;

    public static async Task<ScenarioResult> RunAsync(
        ITarget target, TargetProcess process, string name, int round, int connections,
        TimeSpan settleLimit, CancellationToken cancel)
    {
        await WarmUpAsync(target, cancel);
        await process.WaitForQuietAsync(settleLimit, cancel);
        var before = await process.WaitForSteadyResidentBytesAsync(settleLimit, cancel);

        var links = new ConcurrentBag<ILink>();
        var listeners = new ConcurrentBag<Task>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        try
        {
            var count = connections / target.ConnectionsPerLink;
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = OpenConcurrency, CancellationToken = cancel },
                async (_, ct) =>
                {
                    var link = await target.OpenLinkAsync(PayloadBytes, ct);
                    links.Add(link);

                    // A pending read, as a real client keeps one: it answers the target's pings.
                    listeners.Add(link.ReceiveAsync(stop.Token).AsTask());
                });

            var after = await process.WaitForSteadyResidentBytesAsync(settleLimit, cancel);
            if (listeners.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                throw new InvalidOperationException("an idle connection was dropped by the target", failed.Exception);
            }

            var open = count * target.ConnectionsPerLink;
            return new ScenarioResult
            {
                Target = name,
                Round = round,
                Scenario = "idle",
                Connections = open,
                RssBeforeBytes = before,
                RssAfterBytes = after,
                BytesPerConnection = (double)(after - before) / open,
            };
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var link in links)
            {
                await link.DisposeAsync();
            }

            await Task.WhenAll(listeners.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static async Task WarmUpAsync(ITarget target, CancellationToken cancel)
    {
        var links = new ILink[WarmupLinks];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = await target.OpenLinkAsync(PayloadBytes, cancel);
            await links[i].SendAsync(cancel);
            await links[i].ReceiveAsync(cancel);
        }

        foreach (var link in links)
        {
            await link.DisposeAsync();
        }
    }
}
