using System.Security.Cryptography;
using System.Text;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Observability;

/// <summary>Metrics count, logs say why, and neither carries a channel id or a payload byte (invariant 1).</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Metrics_CountConnectionsFramesBytesDisconnectsAuthFailuresAndQueueDelay()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using (var host = await relay.HostAsync(key))
        await using (var device = await relay.DeviceAsync(key))
        {
            await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
            var text = await Metrics.ScrapeAsync(relay);
            Assert.Contains("tether_relay_connections{role=\"host\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("tether_relay_connections{role=\"device\"} 1\n", text, StringComparison.Ordinal);
            Assert.Contains("tether_relay_channels 1\n", text, StringComparison.Ordinal);
            await device.SendAsync(RelayFrames.Data(0, new byte[995]));
            await host.ReceiveDataAsync();
        }

        await using (var bad = await relay.HelloAsync(key.ChannelId, RelayRole.Host, HelloKind.Token, new byte[ConnectToken.Length]))
        {
            await bad.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        }

        await Metrics.WaitForAsync(relay, "tether_relay_disconnects_total{reason=\"normal\"}", 2);
        var after = await Metrics.ScrapeAsync(relay);
        Assert.Contains("# TYPE tether_relay_frames_total counter", after, StringComparison.Ordinal);
        Assert.True(await Metrics.ValueAsync(relay, "tether_relay_frames_total{direction=\"in\"}") >= 3);
        Assert.True(await Metrics.ValueAsync(relay, "tether_relay_bytes_total{direction=\"out\"}") >= 1000);
        Assert.Equal(1, await Metrics.ValueAsync(relay, "tether_relay_auth_failures_total{reason=\"bad-token\"}"));
        Assert.Equal(1, await Metrics.ValueAsync(relay, "tether_relay_disconnects_total{reason=\"auth-failed\"}"));
        Assert.Equal(0, await Metrics.ValueAsync(relay, "tether_relay_channels"));
        Assert.True(await Metrics.ValueAsync(relay, "tether_relay_queue_delay_seconds_count") >= 5);
        Assert.Contains("tether_relay_queue_delay_seconds_bucket{le=\"+Inf\"}", after, StringComparison.Ordinal);
        Assert.Contains("tether_relay_dropped_frames_total{reason=\"no-peer\"} 0", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsAndMetrics_NeverCarryAChannelIdOrPayloadBytes()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        var marker = "TOP-SECRET-PAYLOAD-7f3a"u8.ToArray();
        await using (var host = await relay.HostAsync(key))
        await using (var device = await relay.DeviceAsync(key))
        {
            await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
            await device.SendAsync(RelayFrames.Data(0, marker));
            await host.ReceiveDataAsync();
            await host.SendAsync(RelayFrames.Data(device.PeerId, marker));
            await device.ReceiveDataAsync();
            await host.SendAsync(RelayFrames.Kick(device.PeerId, RelayCloseReason.Revoked));
            await device.Client.ExpectCloseAsync(RelayCloseReason.Revoked);
            await host.Client.ExpectAsync(RelayFrameType.PeerLeft);
            await host.SendAsync([0x7f, .. marker]);
            await host.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        }

        await using (var bad = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, RandomNumberGenerator.GetBytes(32)))
        {
            await bad.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        }

        await Metrics.WaitForAsync(relay, "tether_relay_channels", 0);
        await Task.Delay(100);
        var everything = string.Join("\n", relay.Logs.Lines) + "\n" + await Metrics.ScrapeAsync(relay);
        Assert.Contains("superseded", everything, StringComparison.Ordinal); // the metric names are there
        Assert.Contains("authentication failed (no-pairing-slot)", everything, StringComparison.Ordinal);
        var channel = key.ChannelId.ToString();
        foreach (var forbidden in new[]
        {
            channel, channel.ToUpperInvariant(), Convert.ToBase64String(key.ChannelId.ToArray()),
            Encoding.UTF8.GetString(marker), Convert.ToHexString(marker), Convert.ToHexStringLower(marker), Convert.ToBase64String(marker),
        })
        {
            Assert.DoesNotContain(forbidden, everything, StringComparison.Ordinal);
        }

        // Client addresses stay out of the logs too (only the line that says where the relay listens has one).
        Assert.DoesNotContain("127.0.0.1", string.Join("\n", relay.Logs.Lines.Where(l => !l.Contains("istening on", StringComparison.Ordinal))), StringComparison.Ordinal);
    }
}
