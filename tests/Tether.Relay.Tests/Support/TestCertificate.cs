using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Tether.Relay.Tests.Support;

/// <summary>
/// A self-signed certificate for localhost in a temporary PFX, and the Kestrel configuration that
/// serves it (Kestrel's standard default-certificate settings). Deletes the file when disposed.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly string _pfx;

    private TestCertificate(string pfx, X509Certificate2 certificate, IConfiguration configuration)
    {
        _pfx = pfx;
        Certificate = certificate;
        Configuration = configuration;
    }

    public X509Certificate2 Certificate { get; }

    public IConfiguration Configuration { get; }

    public static async Task<TestCertificate> CreateAsync()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"tether-relay-{Guid.NewGuid():N}.pfx");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pw"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = "pw",
        }).Build();
        return new TestCertificate(pfx, certificate, configuration);
    }

    /// <summary>Pins this certificate: the tests trust exactly it, and nothing turns verification off.</summary>
    public bool IsPresented(X509Certificate? presented) => presented is not null && presented.GetCertHashString() == Certificate.Thumbprint;

    public void Dispose()
    {
        File.Delete(_pfx);
        Certificate.Dispose();
    }
}
