using System.Text;
using Tether.Client.Relay;
using Tether.Client.Relay.Events;
using Tether.Client.Tests.Support;
using Tether.Protocol.Relay;

namespace Tether.Client.Tests.Relay;

/// <summary>The relay client against a real relay on loopback (in-process <c>RelayServer</c>).</summary>
public sealed class RelayClientTests
{
    [Fact]
    public async Task HostAndDevice_ProveThemselves_MeetAndExchangeData()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        await using var host = RelayClient.Start(channel.HostOptions(relay.Url));
        await host.Events.NextAsync<Connected>();
        await using var device = RelayClient.Start(channel.DeviceOptions(relay.Url));

        var welcomed = await device.Events.NextAsync<Connected>();
        var joined = await host.Events.NextAsync<PeerJoined>();
        await device.SendAsync(0, "ping"u8.ToArray());
        var fromDevice = await host.Events.NextAsync<DataReceived>();
        await host.SendAsync(fromDevice.PeerId, "pong"u8.ToArray());
        var fromHost = await device.Events.NextAsync<DataReceived>();

        Assert.True(welcomed.HostOnline);
        Assert.Equal(RelayRole.Device, joined.Role);
        Assert.Equal(channel.DeviceKey.Subject, joined.Subject);
        Assert.Equal(welcomed.PeerId, joined.PeerId);
        Assert.Equal("ping", Encoding.ASCII.GetString(fromDevice.Payload.Span));
        Assert.Equal("pong", Encoding.ASCII.GetString(fromHost.Payload.Span));
        Assert.Equal(1, host.Counters.HellosWithProof);
        Assert.Equal(1, device.Counters.HellosWithProof);
        Assert.NotNull(host.Token);
        Assert.NotNull(device.Token);
    }

    [Fact]
    public async Task SavedToken_NextConnection_IsUsedInsteadOfAProof()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        RelayToken saved;
        await using (var first = RelayClient.Start(channel.DeviceOptions(relay.Url)))
        {
            await first.Events.NextAsync<Connected>();
            saved = first.Token!;
        }

        await using var second = RelayClient.Start(channel.DeviceOptions(relay.Url) with { SavedToken = saved });
        await second.Events.NextAsync<Connected>();

        Assert.Equal(1, second.Counters.HellosWithToken);
        Assert.Equal(0, second.Counters.HellosWithProof);
        Assert.Equal(0, second.Counters.TokenRefused);
    }

    [Fact]
    public async Task SavedToken_RefusedByTheRelay_FallsBackToAProofAtOnce()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        var forged = new RelayToken(new byte[ConnectToken.Length], (ulong)DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds());

        await using var host = RelayClient.Start(channel.HostOptions(relay.Url) with { SavedToken = forged });
        await host.Events.NextAsync<Connected>();

        Assert.Equal(1, host.Counters.TokenRefused);
        Assert.Equal(1, host.Counters.HellosWithToken);
        Assert.Equal(1, host.Counters.HellosWithProof);
    }

    [Fact]
    public async Task Refresh_WhenLessThanRefreshBeforeIsLeft_GetsANewerToken()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        // Tokens live 15 minutes; asking for a refresh 14:57 before expiry makes it due in about 3 s.
        await using var host = RelayClient.Start(channel.HostOptions(relay.Url) with { RefreshBefore = TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(3) });
        await host.Events.NextAsync<Connected>();
        var first = host.Token!;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (host.Token!.Expires <= first.Expires && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, host.Counters.Refreshes);
        Assert.True(host.Token!.Expires > first.Expires, "the TOKEN answer replaced the WELCOME token");
        Assert.True(host.IsConnected);
    }

    [Fact]
    public async Task RelayRestart_SameKeys_BothEndsReconnectWithTheirTokensAndMeetAgain()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        await using var host = RelayClient.Start(channel.HostOptions(relay.Url));
        await host.Events.NextAsync<Connected>();
        await using var device = RelayClient.Start(channel.DeviceOptions(relay.Url));
        await device.Events.NextAsync<Connected>();

        await relay.RestartAsync(down: TimeSpan.FromMilliseconds(300));

        var restarting = await device.Events.NextAsync<Restarting>();
        var disconnected = await device.Events.NextAsync<Disconnected>();
        await host.Events.NextAsync<Connected>();
        var again = await device.Events.NextAsync<Connected>(timeout: TimeSpan.FromSeconds(30));
        if (!again.HostOnline)
        {
            await device.Events.NextAsync<HostOnline>();
        }

        await device.SendAsync(0, "after"u8.ToArray());
        var data = await host.Events.NextAsync<DataReceived>(timeout: TimeSpan.FromSeconds(30));

        Assert.InRange(restarting.ReconnectAfter, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        Assert.Equal(RelayCloseReason.Restarting, disconnected.Reason);
        Assert.True(disconnected.RetryIn >= restarting.ReconnectAfter, "RESTARTING's hint is respected");
        Assert.Equal("after", Encoding.ASCII.GetString(data.Payload.Span));
        Assert.True(host.Counters.HellosWithToken >= 1, "the host reconnected with its token");
        Assert.True(device.Counters.HellosWithToken >= 1, "the device reconnected with its token");
    }

    [Fact]
    public async Task Superseded_OlderHost_StopsForGoodAndDoesNotFightBack()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        await using var older = RelayClient.Start(channel.HostOptions(relay.Url));
        await older.Events.NextAsync<Connected>();

        await using var newer = RelayClient.Start(channel.HostOptions(relay.Url));
        await newer.Events.NextAsync<Connected>();
        var closed = await older.Events.NextAsync<Closed>();
        var rest = await older.Events.RestAsync();
        await Task.Delay(500);

        Assert.Equal(RelayCloseReason.Superseded, closed.Reason);
        Assert.Empty(rest);
        Assert.Equal(1, older.Counters.Connects);
        Assert.True(newer.IsConnected);
        Assert.Equal(1, newer.Counters.Connects);
    }

    [Fact]
    public async Task Kick_Revoked_DeviceStopsForGood()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        await using var host = RelayClient.Start(channel.HostOptions(relay.Url));
        await host.Events.NextAsync<Connected>();
        await using var device = RelayClient.Start(channel.DeviceOptions(relay.Url));
        var joined = await host.Events.NextAsync<PeerJoined>();

        Assert.True(await host.KickAsync(joined.PeerId, RelayCloseReason.Revoked));
        var closed = await device.Events.NextAsync<Closed>();
        var left = await host.Events.NextAsync<PeerLeft>();

        Assert.Equal(RelayCloseReason.Revoked, closed.Reason);
        Assert.Equal(joined.PeerId, left.PeerId);
        Assert.Empty(await device.Events.RestAsync());
        Assert.Equal(1, device.Counters.Connects);
    }

    [Fact]
    public async Task AuthFailed_WithAProof_StopsForGood()
    {
        // The relay's clock is two days ahead, so the device's one-day certificate has lapsed there.
        await using var relay = await TestRelay.StartAsync(time: new OffsetClock(TimeSpan.FromDays(2)));
        using var channel = new TestChannel(TimeSpan.FromDays(1));
        await using var device = RelayClient.Start(channel.DeviceOptions(relay.Url));

        var closed = await device.Events.NextAsync<Closed>();

        Assert.Equal(RelayCloseReason.AuthFailed, closed.Reason);
        Assert.Equal(0, device.Counters.Connects);
        Assert.Equal(1, device.Counters.HellosWithProof);
    }

    [Fact]
    public async Task PairingSlot_HostReconnects_IsOpenedAgainAndTheCodeWorksOnce()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        var psk = new byte[32];
        Random.Shared.NextBytes(psk);
        var access = PairingAccessCode.Derive(psk);
        await using var host = RelayClient.Start(channel.HostOptions(relay.Url));
        await host.Events.NextAsync<Connected>();
        await host.OpenPairingSlotAsync(PairingAccessCode.Verifier(access), DateTimeOffset.UtcNow.AddMinutes(10));

        await relay.RestartAsync(down: TimeSpan.FromMilliseconds(100));
        await host.Events.NextAsync<Connected>(timeout: TimeSpan.FromSeconds(30));
        await using var pairing = RelayClient.Start(new RelayClientOptions { RelayUrl = relay.Url, Credential = RelayCredential.ForPairing(channel.Id, access) });
        await pairing.Events.NextAsync<Connected>();
        var joined = await host.Events.NextAsync<PeerJoined>();
        await using var replay = RelayClient.Start(new RelayClientOptions { RelayUrl = relay.Url, Credential = RelayCredential.ForPairing(channel.Id, access) });
        var refused = await replay.Events.NextAsync<Closed>();

        Assert.Equal(RelayRole.Pairing, joined.Role);
        Assert.Equal(RelayCloseReason.AuthFailed, refused.Reason);
    }

    [Fact]
    public async Task SendAsync_NoConnection_ReturnsFalseAndCounts()
    {
        using var channel = new TestChannel();
        await using var device = RelayClient.Start(channel.DeviceOptions(new Uri("http://127.0.0.1:1")));

        Assert.False(await device.SendAsync(0, new byte[10]));
        Assert.Equal(1, device.Counters.RefusedNotConnected);
        await Assert.ThrowsAsync<ArgumentException>(async () => await device.SendAsync(5, new byte[1]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await device.SendAsync(0, new byte[RelayFrames.MaxPayload + 1]));
    }

    [Fact]
    public async Task Start_InvalidOptions_ListsEveryProblem()
    {
        using var channel = new TestChannel();
        var options = channel.HostOptions(new Uri("ftp://relay.example")) with { SendQueueCapacity = 0, HelloTimeout = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => RelayClient.Start(options));

        Assert.Contains("RelayUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("SendQueueCapacity", error.Message, StringComparison.Ordinal);
        Assert.Contains("HelloTimeout", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
