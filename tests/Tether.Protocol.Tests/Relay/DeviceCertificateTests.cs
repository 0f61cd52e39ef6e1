using Tether.Protocol.Relay;

namespace Tether.Protocol.Tests.Relay;

public sealed class DeviceCertificateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Issued_ParsesBack_WithItsChannelSubjectAndExpiry()
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        var certificate = DeviceCertificate.Issue(channel, device.PublicKey, Now.AddDays(30), Now);

        Assert.True(DeviceCertificate.TryParse(certificate.ToArray(), out var parsed));
        Assert.Equal(channel.ChannelId, parsed!.ChannelId);
        Assert.Equal(device.Subject, parsed.Subject);
        Assert.Equal((ulong)Now.AddDays(30).ToUnixTimeSeconds(), parsed.NotAfter);
        Assert.Equal(DeviceCertificate.Length, certificate.ToArray().Length);
    }

    [Fact]
    public void Expiry_AllowsTheSkewAndNoMore()
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        var certificate = DeviceCertificate.Issue(channel, device.PublicKey, Now.AddDays(1), Now);
        var skew = TimeSpan.FromSeconds(30);

        Assert.False(certificate.IsExpired(Now.AddDays(1).AddSeconds(29), skew));
        Assert.True(certificate.IsExpired(Now.AddDays(1).AddSeconds(30), skew));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(91 * 24 * 3600)]
    public void Issue_OutsideTheLifetime_IsACallerBug(long secondsFromNow)
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceCertificate.Issue(channel, device.PublicKey, Now.AddSeconds(secondsFromNow), Now));
    }

    [Fact]
    public void DeviceProof_ForAnotherDevicesCertificate_IsRefused()
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        using var thief = DeviceAccessKey.Generate();
        var certificate = DeviceCertificate.Issue(channel, device.PublicKey, Now.AddDays(1), Now);
        Assert.Throws<ArgumentException>(() => thief.CreateDeviceProof(certificate, new byte[32]));
    }

    [Fact]
    public void Proofs_VerifyOverTheirNonceChannelAndRole_Only()
    {
        using var channel = ChannelKey.Generate();
        using var device = DeviceAccessKey.Generate();
        var certificate = DeviceCertificate.Issue(channel, device.PublicKey, Now.AddDays(1), Now);
        var nonce = new byte[32];
        nonce[0] = 7;

        var hostProof = channel.CreateHostProof(nonce);
        var deviceProof = device.CreateDeviceProof(certificate, nonce);

        Assert.Equal(channel.PublicKey.ToArray(), hostProof[..65]);
        Assert.True(EcdsaP256.Verify(hostProof[..65], HelloSignature.Message(nonce, channel.ChannelId, RelayRole.Host), hostProof[65..]));
        Assert.False(EcdsaP256.Verify(hostProof[..65], HelloSignature.Message(new byte[32], channel.ChannelId, RelayRole.Host), hostProof[65..]));
        Assert.Equal(certificate.ToArray(), deviceProof[..DeviceCertificate.Length]);
        Assert.True(EcdsaP256.Verify(device.PublicKey, HelloSignature.Message(nonce, channel.ChannelId, RelayRole.Device), deviceProof[DeviceCertificate.Length..]));
        Assert.False(EcdsaP256.Verify(device.PublicKey, HelloSignature.Message(nonce, channel.ChannelId, RelayRole.Host), deviceProof[DeviceCertificate.Length..]));
    }

    [Fact]
    public void KeysSurviveThePkcs8RoundTrip_AndNeverPrintTheirSecret()
    {
        using var channel = ChannelKey.Generate();
        var pkcs8 = channel.ExportPkcs8();
        using var again = ChannelKey.ImportPkcs8(pkcs8);
        Assert.Equal(channel.ChannelId, again.ChannelId);
        Assert.DoesNotContain(Convert.ToHexString(pkcs8[^32..]), channel.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => ChannelKey.ImportPkcs8(new byte[40]));
    }

    [Fact]
    public void AnOffCurvePublicKey_FailsVerification_WithoutThrowing()
    {
        var bogus = new byte[65];
        bogus[0] = 0x04;
        bogus[64] = 1;
        Assert.False(EcdsaP256.Verify(bogus, [1, 2, 3], new byte[64]));
        Assert.False(EcdsaP256.Verify(new byte[33], [1, 2, 3], new byte[64]));
    }
}
