using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Auth;

/// <summary>Connect tokens at the relay's door (docs/protocol.md §7.2): only a live token of this channel and role opens it.</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task HostToken_FromWelcome_OpensTheChannelAgain_AndKeepsItsHorizon()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        byte[] token;
        await using (var first = await relay.HostAsync(key))
        {
            token = first.Token;
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await using var client = await relay.HelloAsync(key.ChannelId, RelayRole.Host, HelloKind.Token, token);
        var again = Peer.FromWelcome(client, await client.ExpectAsync(RelayFrameType.Welcome));
        Assert.True(relay.Issuer.TryVerify(token, key.ChannelId, RelayRole.Host, out var original));
        Assert.True(relay.Issuer.TryVerify(again.Token, key.ChannelId, RelayRole.Host, out var fresh));
        Assert.Equal(original.Horizon, fresh.Horizon);
        Assert.Equal(relay.Issuer.Now + 15 * 60, fresh.Expires);
    }

    [Fact]
    public async Task HostProof_GetsAHorizonOf24HoursAfterTheProof_AndDeviceProofItsCertificatesNotAfter()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        using var access = DeviceAccessKey.Generate();
        await using var host = await relay.HostAsync(key);
        Assert.True(relay.Issuer.TryVerify(host.Token, key.ChannelId, RelayRole.Host, out var hostToken));
        Assert.Equal(relay.Issuer.Now + 24 * 3600, hostToken.Horizon);

        // A certificate with 5 minutes left: the token, and every refresh of it, ends with it.
        var certificate = relay.Certify(key, access, TimeSpan.FromMinutes(5));
        await using var device = await relay.DeviceAsync(key, access, certificate);
        Assert.True(relay.Issuer.TryVerify(device.Token, key.ChannelId, RelayRole.Device, out var deviceToken));
        Assert.Equal(certificate.NotAfter, deviceToken.Horizon);
        Assert.Equal(certificate.NotAfter, device.Expires);
        Assert.Equal(access.Subject, deviceToken.Subject);
    }

    public static TheoryData<string> BadTokens => ["expired", "forged MAC", "unknown key id", "signed by another key", "other channel", "other role", "host token naming another subject"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_ClosesAuthFailed_AndTheRelayServesOthers(string kind)
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        using var other = ChannelKey.Generate();
        using var stranger = RelayTokenKey.Generate(TestRelay.KeyId);
        using var unknown = RelayTokenKey.Generate(9);
        var role = RelayRole.Host;
        byte[] token;
        switch (kind)
        {
            case "expired":
                token = relay.Issuer.Issue(RelayRole.Host, key.ChannelId, key.ChannelId, ulong.MaxValue).Token;
                clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));
                break;
            case "forged MAC":
                token = relay.Issuer.Issue(RelayRole.Host, key.ChannelId, key.ChannelId, ulong.MaxValue).Token;
                token[^1] ^= 1;
                break;
            case "unknown key id":
                token = new ConnectTokenIssuer([unknown], new ConnectTokenOptions(), clock).Issue(RelayRole.Host, key.ChannelId, key.ChannelId, ulong.MaxValue).Token;
                break;
            case "signed by another key":
                token = new ConnectTokenIssuer([stranger], new ConnectTokenOptions(), clock).Issue(RelayRole.Host, key.ChannelId, key.ChannelId, ulong.MaxValue).Token;
                break;
            case "other channel":
                token = relay.Issuer.Issue(RelayRole.Host, other.ChannelId, other.ChannelId, ulong.MaxValue).Token;
                break;
            case "other role":
                token = relay.Issuer.Issue(RelayRole.Device, key.ChannelId, key.ChannelId, ulong.MaxValue).Token;
                break;
            default:
                token = relay.Issuer.Issue(RelayRole.Host, key.ChannelId, other.ChannelId, ulong.MaxValue).Token;
                break;
        }

        await using var client = await relay.HelloAsync(key.ChannelId, role, HelloKind.Token, token);
        await client.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task DeviceToken_UsedAsHost_OrForPairing_ClosesAuthFailed()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var device = await relay.DeviceAsync(key);
        await using (var asHost = await relay.HelloAsync(key.ChannelId, RelayRole.Host, HelloKind.Token, device.Token))
        {
            await asHost.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        }

        await using var asPairing = await relay.HelloAsync(key.ChannelId, RelayRole.Pairing, HelloKind.Token, device.Token);
        await asPairing.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task TokenConnection_ThatOutlivesItsToken_IsClosedTokenExpired()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        // The device refreshes in time; the host does not.
        clock.Advance(TimeSpan.FromMinutes(10));
        await device.SendAsync(RelayFrames.Refresh());
        await device.Client.ExpectAsync(RelayFrameType.Token);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));

        await host.Client.ExpectCloseAsync(RelayCloseReason.TokenExpired);
        await device.Client.ExpectAsync(RelayFrameType.HostOffline);
        await device.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Refresh_AtMostOnceAMinute_FasterOnesAreIgnoredAndCounted()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);

        await host.SendAsync(RelayFrames.Refresh());
        await host.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));

        clock.Advance(TimeSpan.FromSeconds(61));
        await host.SendAsync(RelayFrames.Refresh());
        Assert.True(RelayFrames.TryReadToken(await host.Client.ExpectAsync(RelayFrameType.Token), out var expires, out var token));
        Assert.Equal(relay.Issuer.Now + 15 * 60, expires);
        Assert.True(relay.Issuer.TryVerify(token, key.ChannelId, RelayRole.Host, out _));

        await host.SendAsync(RelayFrames.Refresh());
        await host.Client.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));

        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        Assert.Contains("tether_relay_refresh_ignored_total 2\n", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
    }
}
