using System.Diagnostics;
using Tether.Client.Sessions;
using Tether.Client.Tests.Support;
using Xunit.Abstractions;

namespace Tether.Client.Tests.ScaleOut;

/// <summary>
/// Issue 3's scale-out proof: three <c>tether relay</c> processes behind nginx (hash of the channel id,
/// deploy/), a hundred channels of a host and a device exchanging messages through reliable channels;
/// one node is killed; its clients reconnect through nginx and resume, and nothing else notices.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Nodes = 3;
    private const int Channels = 100;
    private const int WarmUpMessages = 20;
    private const int TotalMessages = 120;

    // The whole test, start to cleanup: processes, 200 clients, a kill and the resume.
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task KillOneOfThreeNodes_ItsChannelsResumeWithoutLossOrDuplicates_OthersAreUntouched()
    {
        using var budget = new CancellationTokenSource(Budget);
        var cancel = budget.Token;
        var watch = Stopwatch.StartNew();
        await using var cluster = await RelayCluster.StartAsync(Nodes, cancel);
        var channels = Enumerable.Range(0, Channels).Select(_ => new TestChannel()).ToArray();
        var pairs = new List<SessionPair>();
        try
        {
            foreach (var channel in channels)
            {
                pairs.Add(SessionPair.Start(channel, cluster.Url));
            }

            var readers = pairs.Select(p => (Host: Collect(p.Host, cancel), Device: Collect(p.Device, cancel))).ToArray();
            await Task.WhenAll(pairs.Select(p => p.WaitEstablishedAsync(TimeSpan.FromSeconds(60))));
            output.WriteLine($"{Channels} channels established through nginx after {watch.Elapsed.TotalSeconds:F1} s");

            // Both ends of every channel met on one node: per node, as many channels as hosts as devices.
            var before = await ScrapeAllAsync(cluster, Enumerable.Range(0, Nodes), cancel);
            output.WriteLine("before: " + string.Join(", ", before.Select((c, i) => $"node {i}: {c}")));
            Assert.All(before, c => Assert.True(c.EveryChannelComplete, $"a channel split across nodes: {c}"));
            Assert.Equal(Channels, before.Sum(c => c.Channels));
            var victim = Array.IndexOf(before, before.MaxBy(c => c.Channels));
            Assert.True(before[victim].Channels > 0);

            await SendRangeAsync(pairs, 1, WarmUpMessages, pace: TimeSpan.Zero, cancel);
            await WaitReceivedAsync(readers, WarmUpMessages, cancel);

            // The rest streams while a node dies under it.
            var streaming = SendRangeAsync(pairs, WarmUpMessages + 1, TotalMessages, pace: TimeSpan.FromMilliseconds(10), cancel);
            await Task.Delay(300, cancel);
            var killedAt = watch.Elapsed;
            cluster.KillNode(victim);
            await streaming;
            await WaitReceivedAsync(readers, TotalMessages, cancel);
            var resumedIn = watch.Elapsed - killedAt;

            var survivors = Enumerable.Range(0, Nodes).Where(i => i != victim).ToArray();
            var after = await ScrapeAllAsync(cluster, survivors, cancel);
            output.WriteLine($"killed node {victim} ({before[victim].Channels} channels); all resumed {resumedIn.TotalSeconds:F1} s later");
            output.WriteLine("after: " + string.Join(", ", after.Select((c, i) => $"node {survivors[i]}: {c}")));
            Assert.All(after, c => Assert.True(c.EveryChannelComplete, $"a channel split across nodes after the kill: {c}"));
            Assert.Equal(Channels, after.Sum(c => c.Channels));

            // Every stream, both ways, is exactly 1..N in order: nothing lost, nothing twice.
            var expected = Enumerable.Range(1, TotalMessages).ToArray();
            for (var i = 0; i < pairs.Count; i++)
            {
                Assert.Equal(expected, readers[i].Host.Snapshot());
                Assert.Equal(expected, readers[i].Device.Snapshot());
            }

            // The victim's channels reconnected (both ends) and resumed in a new session; the others saw nothing.
            var affected = pairs.Where(p => p.HostRelay.Counters.Connects > 1 || p.DeviceRelay.Counters.Connects > 1).ToArray();
            var untouched = pairs.Except(affected).ToArray();
            output.WriteLine($"affected {affected.Length}, untouched {untouched.Length}; resent {affected.Sum(p => p.Host.Counters.Resent + p.Device.Counters.Resent)} messages, dropped {affected.Sum(p => p.Host.Counters.Duplicates + p.Device.Counters.Duplicates)} duplicate records");
            Assert.Equal(before[victim].Channels, affected.Length);
            Assert.All(affected, p =>
            {
                Assert.Equal(2, p.HostRelay.Counters.Connects);
                Assert.Equal(2, p.DeviceRelay.Counters.Connects);
                Assert.True(p.Host.Counters.Sessions >= 2 && p.Device.Counters.Sessions >= 2);
            });
            Assert.All(untouched, p =>
            {
                Assert.Equal(1, p.Host.Counters.Sessions);
                Assert.Equal(1, p.Device.Counters.Sessions);
                Assert.Equal(0, p.Host.Counters.SessionsDropped + p.Device.Counters.SessionsDropped);
                Assert.Equal(0, p.Host.Counters.Duplicates + p.Device.Counters.Duplicates);
                Assert.Equal(0, p.HostRelay.Counters.DroppedOnDisconnect + p.DeviceRelay.Counters.DroppedOnDisconnect);
            });
            output.WriteLine($"scale-out test body took {watch.Elapsed.TotalSeconds:F1} s");
        }
        catch (Exception) when (Dump(cluster))
        {
            throw;
        }
        finally
        {
            await Task.WhenAll(pairs.Select(p => p.DisposeAsync().AsTask()));
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private bool Dump(RelayCluster cluster)
    {
        output.WriteLine(cluster.Logs());
        return false;
    }

    private static async Task<NodeCounts[]> ScrapeAllAsync(RelayCluster cluster, IEnumerable<int> nodes, CancellationToken cancel) =>
        await Task.WhenAll(nodes.Select(i => cluster.ScrapeAsync(i, cancel)));

    private static Task SendRangeAsync(List<SessionPair> pairs, int first, int last, TimeSpan pace, CancellationToken cancel) =>
        Task.WhenAll(pairs.SelectMany(p => new[] { SendAsync(p.Host, "host", first, last, pace, cancel), SendAsync(p.Device, "device", first, last, pace, cancel) }));

    private static async Task SendAsync(ReliableChannel channel, string from, int first, int last, TimeSpan pace, CancellationToken cancel)
    {
        for (var n = first; n <= last; n++)
        {
            await channel.SendAsync(SessionPair.Message(from, n), cancel);
            if (pace > TimeSpan.Zero)
            {
                await Task.Delay(pace, cancel);
            }
        }
    }

    private static async Task WaitReceivedAsync((Received Host, Received Device)[] readers, int count, CancellationToken cancel)
    {
        while (readers.Any(r => r.Host.Count < count || r.Device.Count < count))
        {
            await Task.Delay(50, cancel);
        }
    }

    private static Received Collect(ReliableChannel channel, CancellationToken cancel)
    {
        var received = new Received();
        received.Reader = Task.Run(async () =>
        {
            await foreach (var message in channel.Messages.ReadAllAsync(cancel))
            {
                received.Add(SessionPair.Number(message));
            }
        }, cancel);
        return received;
    }

    private sealed class Received
    {
        private readonly List<int> _numbers = [];

        public Task? Reader { get; set; }

        public int Count
        {
            get
            {
                lock (_numbers)
                {
                    return _numbers.Count;
                }
            }
        }

        public void Add(int number)
        {
            lock (_numbers)
            {
                _numbers.Add(number);
            }
        }

        public int[] Snapshot()
        {
            lock (_numbers)
            {
                return [.. _numbers];
            }
        }
    }
}
