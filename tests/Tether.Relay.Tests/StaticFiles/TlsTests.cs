using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.StaticFiles;

/// <summary>TLS through Kestrel's standard certificate settings, and HSTS only there.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Https_WithKestrelsDefaultCertificateSetting_ServesWithHsts()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"tether-relay-{Guid.NewGuid():N}.pfx");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pw"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Certificates:Default:Path"] = pfx,
                ["Kestrel:Certificates:Default:Password"] = "pw",
            }).Build();
            await using var relay = await TestRelay.StartAsync(urls: ["https://127.0.0.1:0"], configuration: configuration);
            Assert.Equal("https", relay.BaseUri.Scheme);

            // The test pins the certificate it made; nothing here turns verification off.
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            using var http = new HttpClient(handler) { BaseAddress = relay.BaseUri };
            using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
