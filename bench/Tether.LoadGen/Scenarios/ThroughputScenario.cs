using System.Diagnostics;
using Tether.LoadGen.Targets;

namespace Tether.LoadGen.Scenarios;

/// <summary>
/// Round trips per second with a window of frames in flight on each of several links. Each link has
/// a sender that waits for a credit before each frame and a receiver that returns one per echo, so
/// exactly <c>window</c> frames are in flight and no side can deadlock on a full socket buffer.
/// </summary>
internal static class ThroughputScenario
{
    public static async Task<ScenarioResult> RunAsync(
        ITarget target, string name, int round, int payloadBytes, int pairs, int window,
        TimeSpan warmup, TimeSpan duration, CancellationToken cancel)
    {
        var links = new ILink[pairs];
        for (var i = 0; i < pairs; i++)
        {
            links[i] = await target.OpenLinkAsync(payloadBytes, cancel);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var pumps = links.Select(link => new Pump(link, window)).ToArray();
        var running = pumps.Select(p => p.RunAsync(stop.Token)).ToArray();
        try
        {
            await Task.Delay(warmup, cancel);
            var before = pumps.Sum(p => p.RoundTrips);
            var start = Stopwatch.GetTimestamp();
            await Task.Delay(duration, cancel);
            var after = pumps.Sum(p => p.RoundTrips);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            ThrowIfAnyFailed(running);
            return new ScenarioResult
            {
                Target = name,
                Round = round,
                Scenario = "throughput",
                PayloadBytes = payloadBytes,
                Pairs = pairs,
                Window = window,
                RoundTripsPerSecond = (after - before) / seconds,
            };
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var link in links)
            {
                await link.DisposeAsync();
            }

            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var pump in pumps)
            {
                pump.Dispose();
            }
        }
    }

    private static void ThrowIfAnyFailed(Task[] running)
    {
        if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
        {
            throw new InvalidOperationException("a link failed during the measurement", failed.Exception);
        }
    }

    /// <summary>Keeps one link's window full and counts its round trips.</summary>
    private sealed class Pump(ILink link, int window) : IDisposable
    {
        private readonly SemaphoreSlim _credits = new(window, window);
        private long _roundTrips;

        public long RoundTrips => Volatile.Read(ref _roundTrips);

        public Task RunAsync(CancellationToken cancel) => Task.WhenAll(SendLoopAsync(cancel), ReceiveLoopAsync(cancel));

        private async Task SendLoopAsync(CancellationToken cancel)
        {
            await Task.Yield();
            while (!cancel.IsCancellationRequested)
            {
                await _credits.WaitAsync(cancel);
                await link.SendAsync(cancel);
            }
        }

        private async Task ReceiveLoopAsync(CancellationToken cancel)
        {
            await Task.Yield();
            while (!cancel.IsCancellationRequested)
            {
                await link.ReceiveAsync(cancel);
                _credits.Release();
                Volatile.Write(ref _roundTrips, _roundTrips + 1);
            }
        }

        public void Dispose() => _credits.Dispose();
    }
}
