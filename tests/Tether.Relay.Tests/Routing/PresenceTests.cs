using System.Text;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Routing;

/// <summary>Presence, supersession, KICK and caps (docs/protocol.md §7.5).</summary>
public sealed class PresenceTests
{
    [Fact]
    public async Task DeviceBeforeHost_GetsHostOfflineInWelcome_ThenHostOnlineWhenTheHostComes()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var device = await relay.DeviceAsync(key);
        Assert.False(device.HostOnline);

        await using var host = await relay.HostAsync(key);
        await device.Client.ExpectAsync(RelayFrameType.HostOnline);
        var joined = await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        Assert.True(RelayFrames.TryReadPeerJoined(joined, out var peerId, out var role, out _));
        Assert.Equal(device.PeerId, peerId);
        Assert.Equal(RelayRole.Device, role);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task DeviceAfterHost_GetsHostOnlineInWelcome_AndTheHostGetsItsSubject()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        using var access = DeviceAccessKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key, access);
        Assert.True(device.HostOnline);
        Assert.True(RelayFrames.TryReadPeerJoined(await host.Client.ExpectAsync(RelayFrameType.PeerJoined), out var peerId, out _, out var subject));
        Assert.Equal(device.PeerId, peerId);
        Assert.Equal(access.Subject, subject);
    }

    [Fact]
    public async Task Data_FromDevice_ReachesHostWithTheSendersPeerId_AndBackWithPeerIdZero()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var a = await relay.DeviceAsync(key);
        await using var b = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        await b.SendAsync(RelayFrames.Data(0, "from b"u8));
        var (from, payload) = await host.ReceiveDataAsync();
        Assert.Equal(b.PeerId, from);
        Assert.Equal("from b", Encoding.UTF8.GetString(payload));

        var big = new byte[RelayFrames.MaxPayload];
        Random.Shared.NextBytes(big);
        await host.SendAsync(RelayFrames.Data(a.PeerId, big));
        var (to, received) = await a.ReceiveDataAsync();
        Assert.Equal(0u, to);
        Assert.Equal(big, received);
        await b.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task HostVanishingMidStream_DevicesGetHostOffline_AndAVanishedDeviceIsLost()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await using var other = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        // A device drops without a close frame: the host hears PEER_LEFT "lost".
        await other.SendAsync(RelayFrames.Data(0, new byte[1000]));
        await host.ReceiveDataAsync();
        other.Client.Abort();
        Assert.True(RelayFrames.TryReadPeerLeft(await host.Client.ExpectAsync(RelayFrameType.PeerLeft), out var left, out var reason));
        Assert.Equal(other.PeerId, left);
        Assert.Equal(RelayCloseReason.Lost, reason);

        // The host drops mid-stream: the remaining device hears HOST_OFFLINE; its next DATA is dropped and counted.
        await device.SendAsync(RelayFrames.Data(0, new byte[1000]));
        host.Client.Abort();
        await host.DisposeAsync();
        await device.Client.ExpectAsync(RelayFrameType.HostOffline);
        await device.SendAsync(RelayFrames.Data(0, new byte[10]));
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task NewerHost_SupersedesTheOlder_WhichIsClosedSuperseded()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var first = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await first.Client.ExpectAsync(RelayFrameType.PeerJoined);

        await using var second = await relay.HostAsync(key);
        await first.Client.ExpectCloseAsync(RelayCloseReason.Superseded);
        Assert.True(RelayFrames.TryReadPeerJoined(await second.Client.ExpectAsync(RelayFrameType.PeerJoined), out var peerId, out _, out _));
        Assert.Equal(device.PeerId, peerId);
        await device.Client.ExpectAsync(RelayFrameType.HostOnline);

        await device.SendAsync(RelayFrames.Data(0, "to the new host"u8));
        Assert.Equal(device.PeerId, (await second.ReceiveDataAsync()).PeerId);
    }

    [Fact]
    public async Task Kick_ClosesThePeerWithRevoked_AndTheHostHearsPeerLeftRevoked()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        await host.SendAsync(RelayFrames.Kick(device.PeerId, RelayCloseReason.Revoked));
        await device.Client.ExpectCloseAsync(RelayCloseReason.Revoked);
        Assert.True(RelayFrames.TryReadPeerLeft(await host.Client.ExpectAsync(RelayFrameType.PeerLeft), out var left, out var reason));
        Assert.Equal((device.PeerId, RelayCloseReason.Revoked), (left, reason));
    }

    [Fact]
    public async Task Kick_WithSuperseded_ClosesThePeerWithSuperseded()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        await host.SendAsync(RelayFrames.Kick(device.PeerId, RelayCloseReason.Superseded));
        await device.Client.ExpectCloseAsync(RelayCloseReason.Superseded);
        Assert.True(RelayFrames.TryReadPeerLeft(await host.Client.ExpectAsync(RelayFrameType.PeerLeft), out var left, out var reason));
        Assert.Equal((device.PeerId, RelayCloseReason.Superseded), (left, reason));
    }

    [Fact]
    public async Task Kick_OfAPeerOfAnotherChannel_DoesNothing()
    {
        await using var relay = await TestRelay.StartAsync();
        using var mine = ChannelKey.Generate();
        using var theirs = ChannelKey.Generate();
        await using var host = await relay.HostAsync(mine);
        await using var stranger = await relay.DeviceAsync(theirs);

        await host.SendAsync(RelayFrames.Kick(stranger.PeerId, RelayCloseReason.Revoked));
        await stranger.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task SeventeenthDevice_IsRefusedChannelFull()
    {
        await using var relay = await TestRelay.StartAsync(l => l with { DevicesPerChannel = 16 });
        using var key = ChannelKey.Generate();
        var devices = new List<Peer>();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                devices.Add(await relay.DeviceAsync(key));
            }

            using var access = DeviceAccessKey.Generate();
            await using var client = await relay.ConnectAsync(key.ChannelId);
            var nonce = await client.ChallengeAsync();
            await client.SendAsync(RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, access.CreateDeviceProof(relay.Certify(key, access), nonce)));
            await client.ExpectCloseAsync(RelayCloseReason.ChannelFull);
        }
        finally
        {
            foreach (var d in devices)
            {
                await d.DisposeAsync();
            }
        }

        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task Data_NeverCrossesChannels_EvenAddressedToAnotherChannelsPeerId()
    {
        await using var relay = await TestRelay.StartAsync();
        using var one = ChannelKey.Generate();
        using var two = ChannelKey.Generate();
        await using var hostOne = await relay.HostAsync(one);
        await using var hostTwo = await relay.HostAsync(two);
        await using var deviceTwo = await relay.DeviceAsync(two);
        await hostTwo.Client.ExpectAsync(RelayFrameType.PeerJoined);

        // Host one names channel two's device: dropped as no-peer, delivered nowhere.
        await hostOne.SendAsync(RelayFrames.Data(deviceTwo.PeerId, "not for you"u8));
        await hostOne.SendAsync(RelayFrames.Data(hostTwo.PeerId, "nor you"u8));
        await deviceTwo.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
        await hostTwo.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(10));
        await hostOne.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(10));
    }
}
