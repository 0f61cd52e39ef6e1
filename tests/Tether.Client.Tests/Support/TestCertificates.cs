using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tether.Client.Tests.Support;

/// <summary>Self-signed certificates for loopback TLS tests, made in memory.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed P-256 server certificate for 127.0.0.1 and localhost, valid for a day.</summary>
    public static X509Certificate2 SelfSigned(string name = "tether-test-relay")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>Writes the certificate with its key as a PFX file Kestrel can load; returns the path.</summary>
    public static string WritePfx(X509Certificate2 certificate, string directory, string password)
    {
        var path = Path.Combine(directory, "relay.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
