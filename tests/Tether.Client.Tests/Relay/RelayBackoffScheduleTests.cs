using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tether.Client.Relay;
using Tether.Client.Relay.Events;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Relay;

/// <summary>The reconnect schedule of a whole client, on a fake clock: no real sleeps.</summary>
public sealed class RelayBackoffScheduleTests
{
    [Fact]
    public async Task UnreachableRelay_RetriesOnTheJitteredExponentialScheduleUpToTheCap()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var channel = new TestChannel();
        var options = channel.HostOptions(new Uri($"http://127.0.0.1:{ClosedPort()}")) with { TimeProvider = clock, Random = new FixedRandom(0.5) };
        var watch = Stopwatch.StartNew();
        await using var client = RelayClient.Start(options);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var disconnected = await client.Events.NextAsync<Disconnected>();
            Assert.Null(disconnected.Reason);
            delays.Add(disconnected.RetryIn);
            await WaitForTimerAsync(clock);
            clock.Advance(disconnected.RetryIn);
        }

        // Half of min(30 s, 250 ms × 2^attempt): 0.125, 0.25, 0.5, 1, 2, 4, 8, then half the cap.
        double[] expected = [0.125, 0.25, 0.5, 1, 2, 4, 8, 15, 15, 15];
        Assert.Equal(expected.Select(TimeSpan.FromSeconds), delays);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed} of real time for a {delays.Sum(d => d.TotalSeconds)} s schedule");
        Assert.Equal(0, client.Counters.Connects);
    }

    private static async Task WaitForTimerAsync(ManualTimeProvider clock)
    {
        var deadline = Stopwatch.StartNew();
        while (clock.PendingTimers == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "the client never armed its backoff timer");
            await Task.Delay(5);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
