using System.Security.Cryptography;
using Tether.Protocol.Relay;
using Tether.Relay.Observability;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Auth;

/// <summary>Pairing through the relay (docs/protocol.md §7.4): a slot the host opened, used once.</summary>
public sealed class PairingTests
{
    [Fact]
    public async Task PairingCode_WorksOnce_AndTheReusedCodeIsRefused()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        var access = PairingAccessCode.Derive(RandomNumberGenerator.GetBytes(32));
        await OpenSlotAsync(relay, host, access);

        await using var pairing = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, access);
        var welcomed = Peer.FromWelcome(pairing, await pairing.ExpectAsync(RelayFrameType.Welcome));
        Assert.True(welcomed.HostOnline);
        Assert.Empty(welcomed.Token);
        Assert.True(RelayFrames.TryReadPeerJoined(await host.Client.ExpectAsync(RelayFrameType.PeerJoined), out var peerId, out var role, out var subject));
        Assert.Equal((welcomed.PeerId, RelayRole.Pairing), (peerId, role));
        Assert.Equal(RelayId.Read(PairingAccessCode.Verifier(access).AsSpan(0, 16)), subject);

        // The pairing handshake flows both ways through the relay.
        await pairing.SendAsync(RelayFrames.Data(0, "noise msg 1"u8));
        Assert.Equal(welcomed.PeerId, (await host.ReceiveDataAsync()).PeerId);
        await host.SendAsync(RelayFrames.Data(welcomed.PeerId, "noise msg 2"u8));
        Assert.Equal(0u, (await welcomed.ReceiveDataAsync()).PeerId);

        await using var reused = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, access);
        await reused.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task PairingSlots_DieWithTheHostConnection()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        var access = PairingAccessCode.Derive(RandomNumberGenerator.GetBytes(32));
        await using (var host = await relay.HostAsync(key))
        {
            await OpenSlotAsync(relay, host, access);
        }

        await using var again = await relay.HostAsync(key);
        await using var pairing = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, access);
        await pairing.ExpectCloseAsync(RelayCloseReason.AuthFailed);
    }

    [Fact]
    public async Task ClosedOrExpiredSlot_OpensNothing()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        var closed = PairingAccessCode.Derive(RandomNumberGenerator.GetBytes(32));
        var expiring = PairingAccessCode.Derive(RandomNumberGenerator.GetBytes(32));
        await OpenSlotAsync(relay, host, closed);
        await OpenSlotAsync(relay, host, expiring);
        await host.SendAsync(RelayFrames.PairClose(PairingAccessCode.Verifier(closed)));
        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        foreach (var access in new[] { closed, expiring })
        {
            await using var pairing = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, access);
            await pairing.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        }
    }

    [Fact]
    public async Task PairOpen_MoreThanTenMinutesAhead_OrAFifthSlot_ClosesTheHostProtocolError()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using (var host = await relay.HostAsync(key))
        {
            await host.SendAsync(RelayFrames.PairOpen(new byte[32], relay.Issuer.Now + 3600));
            await host.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        }

        await using var second = await relay.HostAsync(key);
        for (var i = 0; i < 5; i++)
        {
            await second.SendAsync(RelayFrames.PairOpen(RandomNumberGenerator.GetBytes(32), relay.Issuer.Now + 300));
        }

        await second.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
    }

    [Fact]
    public async Task PairingConnection_LivesAtMostTenMinutes()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        var access = PairingAccessCode.Derive(RandomNumberGenerator.GetBytes(32));
        await OpenSlotAsync(relay, host, access);
        await using var pairing = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, access);
        await pairing.ExpectAsync(RelayFrameType.Welcome);

        clock.Advance(TimeSpan.FromMinutes(10));
        await pairing.ExpectCloseAsync(RelayCloseReason.TokenExpired);
    }

    [Fact]
    public async Task FifthPairingConnection_IsRefusedChannelFull()
    {
        await using var relay = await TestRelay.StartAsync(l => l with { PairingSlotsPerChannel = 8 });
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        var clients = new List<RelayClient>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var access = PairingAccessCode.Derive(RandomNumberGenerator.GetBytes(32));
                await OpenSlotAsync(relay, host, access);
                var client = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.PairingAccess, access);
                clients.Add(client);
                if (i < 4)
                {
                    await client.ExpectAsync(RelayFrameType.Welcome);
                }
                else
                {
                    await client.ExpectCloseAsync(RelayCloseReason.ChannelFull);
                }
            }
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    private static async Task OpenSlotAsync(TestRelay relay, Peer host, byte[] access)
    {
        // PAIR_OPEN has no answer: wait for the relay's log line that says the slot is open.
        var before = relay.Logs.Count(RelayEventIds.PairingSlotOpened);
        await host.SendAsync(RelayFrames.PairOpen(PairingAccessCode.Verifier(access), relay.Issuer.Now + 600));
        for (var i = 0; i < 250 && relay.Logs.Count(RelayEventIds.PairingSlotOpened) == before; i++)
        {
            await Task.Delay(20);
        }
    }
}
