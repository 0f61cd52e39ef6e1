using System.Security.Cryptography;
using Tether.Client.Tests.Support;
using Tether.Client.Tls;

namespace Tether.Client.Tests.Tls;

public sealed class RelayCertificatePinTests
{
    [Fact]
    public void Of_IsTheSha256OfTheSubjectPublicKeyInfo()
    {
        using var certificate = TestCertificates.SelfSigned();
        var expected = SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());

        Assert.Equal(RelayCertificatePin.FromSpkiSha256(expected), RelayCertificatePin.Of(certificate));
    }

    [Fact]
    public void TryParse_CurlBase64AndHexForms_GiveTheSamePin()
    {
        using var certificate = TestCertificates.SelfSigned();
        var pin = RelayCertificatePin.Of(certificate);
        var hash = SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());

        Assert.True(RelayCertificatePin.TryParse(pin.ToString(), out var fromCurl));
        Assert.True(RelayCertificatePin.TryParse("sha256/" + Convert.ToBase64String(hash), out var fromBase64));
        Assert.True(RelayCertificatePin.TryParse(Convert.ToHexString(hash), out var fromHex));
        Assert.True(RelayCertificatePin.TryParse(string.Join(':', hash.Select(b => b.ToString("x2", null))), out var fromColons));
        Assert.All([fromCurl, fromBase64, fromHex, fromColons], p => Assert.Equal(pin, p));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256//AAAA")]
    [InlineData("md5//AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("00112233")]
    [InlineData("zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    public void TryParse_Malformed_IsRefused(string? text) => Assert.False(RelayCertificatePin.TryParse(text, out _));

    [Fact]
    public void Matches_AnotherKeysCertificate_IsFalse()
    {
        using var pinned = TestCertificates.SelfSigned();
        using var other = TestCertificates.SelfSigned();

        Assert.True(RelayCertificatePin.Of(pinned).Matches(pinned));
        Assert.False(RelayCertificatePin.Of(pinned).Matches(other));
    }

    [Fact]
    public void CreateCallback_NoPins_LeavesThePlatformsValidationInPlace() =>
        Assert.Null(RelayCertificateValidation.CreateCallback([]));

    [Fact]
    public void IsPinned_NoCertificate_NeverPasses()
    {
        using var certificate = TestCertificates.SelfSigned();

        Assert.False(RelayCertificateValidation.IsPinned([RelayCertificatePin.Of(certificate)], null));
    }
}
