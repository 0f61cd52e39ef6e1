using Tether.Protocol.Relay;

namespace Tether.Protocol.Tests.Relay;

public sealed class HelloProofsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void HostProof_VerifiesForItsChannelAndNonce_Only()
    {
        using var key = ChannelKey.Generate();
        using var other = ChannelKey.Generate();
        var nonce = Nonce(1);
        var proof = key.CreateHostProof(nonce);

        Assert.True(HelloProofs.VerifyHostProof(proof, nonce, key.ChannelId));
        Assert.False(HelloProofs.VerifyHostProof(proof, Nonce(2), key.ChannelId));
        Assert.False(HelloProofs.VerifyHostProof(proof, nonce, other.ChannelId));
        Assert.False(HelloProofs.VerifyHostProof(other.CreateHostProof(nonce), nonce, key.ChannelId));
        Assert.False(HelloProofs.VerifyHostProof(proof[..^1], nonce, key.ChannelId));
    }

    [Fact]
    public void DeviceProof_VerifiesForItsChannelAndNonce_AndReturnsTheCertificate()
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        var certificate = DeviceCertificate.Issue(channel, device.PublicKey, Now.AddDays(1), Now);
        var nonce = Nonce(3);
        var proof = device.CreateDeviceProof(certificate, nonce);

        Assert.True(HelloProofs.TryVerifyDeviceProof(proof, nonce, channel.ChannelId, out var verified));
        Assert.Equal(device.Subject, verified!.Subject);
        Assert.False(HelloProofs.TryVerifyDeviceProof(proof, Nonce(4), channel.ChannelId, out _));
        Assert.False(HelloProofs.TryVerifyDeviceProof(proof, nonce, new RelayId(5), out _));
    }

    [Fact]
    public void DeviceProof_WithACertificateFromAnotherChannel_IsRefused()
    {
        using var mine = ChannelKey.Generate();
        using var theirs = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        var foreign = DeviceCertificate.Issue(theirs, device.PublicKey, Now.AddDays(1), Now);
        var nonce = Nonce(6);

        Assert.False(HelloProofs.TryVerifyDeviceProof(device.CreateDeviceProof(foreign, nonce), nonce, mine.ChannelId, out _));
    }

    [Fact]
    public void DeviceProof_WithAHostSignatureInPlaceOfTheDevices_IsRefused()
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        var certificate = DeviceCertificate.Issue(channel, device.PublicKey, Now.AddDays(1), Now);
        var nonce = Nonce(7);
        var hostSignature = channel.CreateHostProof(nonce)[65..];

        Assert.False(HelloProofs.TryVerifyDeviceProof([.. certificate.ToArray(), .. hostSignature], nonce, channel.ChannelId, out _));
    }

    private static byte[] Nonce(byte seed)
    {
        var nonce = new byte[HelloProofs.NonceLength];
        nonce[0] = seed;
        return nonce;
    }
}
