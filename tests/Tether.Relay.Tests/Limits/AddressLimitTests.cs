using System.Net;
using System.Net.WebSockets;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Connections;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Limits;

/// <summary>Per-address limits (docs/protocol.md §7.6): refused with HTTP 429 before any WebSocket exists.</summary>
public sealed class AddressLimitTests
{
    [Fact]
    public async Task ThousandConnectionsFromOneAddress_AreCappedByRateAndCount_AndOthersAreStillServed()
    {
        await using var relay = await TestRelay.StartAsync();
        var from = IPAddress.Parse("127.0.0.3");
        var channel = BadInputTests.RandomChannel();
        var attempts = Enumerable.Range(0, 1000).Select(async _ =>
        {
            try
            {
                return await RelayClient.ConnectAsync(relay.ChannelUri(channel), from);
            }
            catch (WebSocketException)
            {
                return null;
            }
        }).ToArray();
        var clients = await Task.WhenAll(attempts);
        var admitted = clients.Where(c => c is not null).ToList();
        try
        {
            // A burst of 30, plus 10 a second for however long the flood took.
            Assert.InRange(admitted.Count, 1, 64);
            var refused = await Metrics.ValueAsync(relay, "tether_relay_refused_total{reason=\"rate-limited\"}")
                + await Metrics.ValueAsync(relay, "tether_relay_refused_total{reason=\"too-many-connections\"}");
            Assert.Equal(1000 - admitted.Count, refused);
            await relay.AssertServesAnotherChannelAsync();
        }
        finally
        {
            foreach (var c in admitted)
            {
                await c!.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ConcurrentConnectionsPerAddress_AreCapped_AndAFreedPlaceCanBeTakenAgain()
    {
        await using var relay = await TestRelay.StartAsync(l => l with { ConnectionsPerAddress = 3, ConnectsPerSecond = 1000, ConnectBurst = 1000 });
        var from = IPAddress.Parse("127.0.0.4");
        var channel = BadInputTests.RandomChannel();
        var held = new List<RelayClient>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await RelayClient.ConnectAsync(relay.ChannelUri(channel), from));
        }

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => RelayClient.ConnectAsync(relay.ChannelUri(channel), from));
        Assert.Contains("429", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);

        await held[0].DisposeAsync();
        await Metrics.WaitForAsync(relay, "tether_relay_disconnects_total{reason=\"normal\"}", 1);
        held[0] = await RelayClient.ConnectAsync(relay.ChannelUri(channel), from);
        foreach (var c in held)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task ForwardedFor_CountsOnlyFromATrustedProxy()
    {
        await using var relay = await TestRelay.StartAsync(
            l => l with { ConnectionsPerAddress = 1, ConnectsPerSecond = 1000, ConnectBurst = 1000 },
            trustedProxies: [IPAddress.Parse("127.0.0.5")]);
        var proxy = IPAddress.Parse("127.0.0.5");
        var channel = relay.ChannelUri(BadInputTests.RandomChannel());

        // Through the proxy, each forwarded client has its own allowance.
        await using var a = await RelayClient.ConnectAsync(channel, proxy, forwardedFor: "203.0.113.1");
        await using var b = await RelayClient.ConnectAsync(channel, proxy, forwardedFor: "198.51.100.7, 203.0.113.2");
        await Assert.ThrowsAsync<WebSocketException>(() => RelayClient.ConnectAsync(channel, proxy, forwardedFor: "203.0.113.1"));

        // From anyone else the header is ignored: a spoofed one does not buy a second place.
        var direct = IPAddress.Parse("127.0.0.6");
        await using var c = await RelayClient.ConnectAsync(channel, direct, forwardedFor: "192.0.2.1");
        await Assert.ThrowsAsync<WebSocketException>(() => RelayClient.ConnectAsync(channel, direct, forwardedFor: "192.0.2.2"));
    }
}
