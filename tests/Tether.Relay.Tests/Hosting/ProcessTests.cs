using System.Net;
using System.Net.WebSockets;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Connections;
using Tether.Relay.Tests.Support;
using Xunit.Abstractions;

namespace Tether.Relay.Tests.Hosting;

/// <summary>
/// The real <c>tether relay</c> process: its memory stays bounded under bad input, an idle connection
/// costs little, and SIGTERM makes it tell its clients to reconnect before it exits.
/// </summary>
public sealed class ProcessTests(ITestOutputHelper output)
{
    private static readonly string[] OpenLimits =
    [
        "--log-level", "Warning",
        "--limit", "connections-per-address=100000", "--limit", "connects-per-second=100000", "--limit", "connect-burst=100000",
    ];

    // A small gen0 budget, so that RSS follows live memory rather than the GC's appetite.
    private static readonly Dictionary<string, string> SmallGen0 = new() { ["DOTNET_GCgen0size"] = "0x400000" };

    [Fact]
    public async Task BadInputFloods_LeaveTheMemoryBounded_AndTheRelayServing()
    {
        await using var relay = await RelayProcess.StartAsync(OpenLimits, SmallGen0);
        await FloodAsync(relay, 300);
        var afterFirst = relay.ResidentKiB();
        await FloodAsync(relay, 300);
        await FloodAsync(relay, 300);
        var afterThird = relay.ResidentKiB();
        output.WriteLine($"RSS after one flood of 300 bad connections: {afterFirst} KiB; after three: {afterThird} KiB");
        Assert.InRange(afterThird - afterFirst, long.MinValue, 24 * 1024);
        await ServesAsync(relay);
    }

    [Fact]
    public async Task IdleConnections_CostAFewKilobytesEach()
    {
        await using var relay = await RelayProcess.StartAsync(OpenLimits, SmallGen0);
        await ServesAsync(relay);
        // Two batches: the first warms the allocators (OpenSSL's and the GC's); the second is measured.
        const int Count = 1000;
        var keys = Enumerable.Range(0, 2 * Count).Select(_ => ChannelKey.Generate()).ToArray();
        var clients = new List<RelayClient>();
        try
        {
            var start = relay.ResidentKiB();
            foreach (var chunk in keys.Take(Count).Chunk(100))
            {
                clients.AddRange(await Task.WhenAll(chunk.Select(k => HostAsync(relay, k))));
            }

            await Task.Delay(500);
            var before = relay.ResidentKiB();
            foreach (var chunk in keys.Skip(Count).Chunk(100))
            {
                clients.AddRange(await Task.WhenAll(chunk.Select(k => HostAsync(relay, k))));
            }

            await Task.Delay(500);
            var after = relay.ResidentKiB();
            var perConnection = (after - before) * 1024.0 / Count;
            output.WriteLine($"RSS {start} KiB -> {before} KiB with {Count} idle host connections -> {after} KiB with {2 * Count}: {perConnection / 1024:F1} KiB each for the second {Count}");
            Assert.InRange(perConnection, 0, 48 * 1024);
        }
        finally
        {
            foreach (var c in clients)
            {
                c.Abort();
                await c.DisposeAsync();
            }

            foreach (var k in keys)
            {
                k.Dispose();
            }
        }
    }

    [Fact]
    public async Task Sigterm_SendsRestartingAndExitsCleanly()
    {
        await using var relay = await RelayProcess.StartAsync(["--shutdown-grace", "5"]);
        using var key = ChannelKey.Generate();
        await using var host = await HostAsync(relay, key);
        var terminated = relay.TerminateAsync();
        await host.ExpectAsync(RelayFrameType.Restarting);
        await host.ExpectCloseAsync(RelayCloseReason.Restarting);
        Assert.Equal(0, await terminated);
    }

    private static async Task<RelayClient> HostAsync(RelayProcess relay, ChannelKey key)
    {
        var client = await RelayClient.ConnectAsync(relay.ChannelUri(key.ChannelId));
        var nonce = await client.ChallengeAsync();
        await client.SendAsync(RelayFrames.Hello(RelayRole.Host, HelloKind.HostProof, key.CreateHostProof(nonce)));
        await client.ExpectAsync(RelayFrameType.Welcome);
        return client;
    }

    private static async Task ServesAsync(RelayProcess relay)
    {
        using var key = ChannelKey.Generate();
        await using var host = await HostAsync(relay, key);
        await host.SendAsync(RelayFrames.PairClose(new byte[32]));
        await host.ExpectNothingAsync(TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Connections that each misbehave in one of the ways the relay must survive.</summary>
    private static async Task FloodAsync(RelayProcess relay, int count)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            try
            {
                await using var client = await RelayClient.ConnectAsync(relay.ChannelUri(BadInputTests.RandomChannel()), IPAddress.Parse("127.0.0.2"));
                await client.ChallengeAsync();
                switch (i % 4)
                {
                    case 0:
                        await client.SendAsync(BadInputTests.RandomBytes(300, i));
                        break;
                    case 1:
                        await client.SendTextAsync("not binary");
                        break;
                    case 2:
                        await client.SendAsync(new byte[RelayFrames.MaxFrame + 1]);
                        break;
                    default:
                        await client.SendAsync(RelayFrames.Hello(RelayRole.Host, HelloKind.Token, BadInputTests.RandomBytes(ConnectToken.Length, i)));
                        break;
                }

                var closed = await client.ReceiveAsync();
                Assert.True(closed?.CloseStatus is not null || closed?.Lost == true, $"expected a close, got {closed}");
            }
            catch (WebSocketException)
            {
                // The relay closed first while the client was still sending: also a refusal.
            }
        }));
    }
}
