using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Auth;

/// <summary>Host and device proofs (docs/protocol.md §7.3): bound to this relay's nonce, this channel and this role.</summary>
public sealed class ProofTests
{
    public static TheoryData<string> BadHostProofs => ["another nonce", "another channel's key", "a device's role", "a flipped signature"];

    [Theory]
    [MemberData(nameof(BadHostProofs))]
    public async Task BadHostProof_ClosesAuthFailed(string kind)
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        using var other = ChannelKey.Generate();
        await using var client = await relay.ConnectAsync(key.ChannelId);
        var nonce = await client.ChallengeAsync();
        var role = RelayRole.Host;
        byte[] proof;
        switch (kind)
        {
            case "another nonce":
                proof = key.CreateHostProof(new byte[32]);
                break;
            case "another channel's key":
                proof = other.CreateHostProof(nonce);
                break;
            case "a device's role":
                proof = key.CreateHostProof(nonce);
                role = RelayRole.Device;
                break;
            default:
                proof = key.CreateHostProof(nonce);
                proof[^1] ^= 0x40;
                break;
        }

        await client.SendAsync(RelayFrames.Hello(role, HelloKind.HostProof, proof));
        await client.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        await relay.AssertServesAnotherChannelAsync();
    }

    public static TheoryData<string> BadDeviceProofs => ["expired certificate", "certificate of another channel", "another nonce"];

    [Theory]
    [MemberData(nameof(BadDeviceProofs))]
    public async Task BadDeviceProof_ClosesAuthFailed(string kind)
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        using var key = ChannelKey.Generate();
        using var other = ChannelKey.Generate();
        using var access = DeviceAccessKey.Generate();
        var certificate = relay.Certify(key, access, TimeSpan.FromHours(1));
        byte[]? nonceOverride = null;
        switch (kind)
        {
            case "expired certificate":
                clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));
                break;
            case "certificate of another channel":
                // Valid, but signed by another channel's key: a stranger cannot mint devices for a channel it does not own.
                certificate = relay.Certify(other, access);
                break;
            default:
                nonceOverride = new byte[32];
                break;
        }

        await using var client = await relay.ConnectAsync(key.ChannelId);
        var nonce = await client.ChallengeAsync();
        await client.SendAsync(RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, access.CreateDeviceProof(certificate, nonceOverride ?? nonce)));
        await client.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task TamperedCertificate_ClosesAuthFailed()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        using var access = DeviceAccessKey.Generate();
        await using var client = await relay.ConnectAsync(key.ChannelId);
        var nonce = await client.ChallengeAsync();
        var proof = access.CreateDeviceProof(relay.Certify(key, access), nonce);
        proof[85] ^= 1; // inside not-after: the host's signature no longer covers it
        await client.SendAsync(RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, proof));
        await client.ExpectCloseAsync(RelayCloseReason.AuthFailed);
        await relay.AssertServesAnotherChannelAsync();
    }
}
