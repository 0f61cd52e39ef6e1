using Tether.Protocol.Relay;
using Tether.Relay.Tests.Connections;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Hosting;

/// <summary>Graceful shutdown (docs/protocol.md §7.5): everyone hears RESTARTING, then a close with <c>restarting</c>.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_SendsEveryClientRestartingThenClose1012_AndRefusesNewConnections()
    {
        var relay = await TestRelay.StartAsync(l => l with { RestartSpread = TimeSpan.FromSeconds(3) });
        await using (relay)
        {
            using var key = ChannelKey.Generate();
            var host = await relay.HostAsync(key);
            var device = await relay.DeviceAsync(key);
            var anonymous = await relay.ConnectAsync(BadInputTests.RandomChannel());
            await anonymous.ChallengeAsync();
            await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

            var stopping = relay.Server.StopAsync(TimeSpan.FromSeconds(5));
            foreach (var client in new[] { host.Client, device.Client, anonymous })
            {
                Assert.True(RelayFrames.TryReadRestarting(await client.ExpectAsync(RelayFrameType.Restarting), out var after));
                Assert.InRange(after, 0u, 3000u);
                await client.ExpectCloseAsync(RelayCloseReason.Restarting);
            }

            await stopping;
            await Assert.ThrowsAnyAsync<Exception>(() => relay.ConnectAsync(key.ChannelId));
            foreach (var client in new[] { host.Client, device.Client, anonymous })
            {
                await client.DisposeAsync();
            }
        }
    }
}
