using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.StaticFiles;

/// <summary>TLS through Kestrel's standard certificate settings, and HSTS only there.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Https_WithKestrelsDefaultCertificateSetting_ServesWithHsts()
    {
        using var certificate = await TestCertificate.CreateAsync();
        await using var relay = await TestRelay.StartAsync(urls: ["https://127.0.0.1:0"], configuration: certificate.Configuration);
        Assert.Equal("https", relay.BaseUri.Scheme);

        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => certificate.IsPresented(presented),
        };
        using var http = new HttpClient(handler) { BaseAddress = relay.BaseUri };
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}
