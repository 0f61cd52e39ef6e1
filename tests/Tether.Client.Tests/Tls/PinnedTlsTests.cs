using Microsoft.Extensions.Configuration;
using Tether.Client.Relay;
using Tether.Client.Relay.Events;
using Tether.Client.Tests.Support;
using Tether.Client.Tls;

namespace Tether.Client.Tests.Tls;

/// <summary>A self-hosted relay with a self-signed certificate (Kestrel HTTPS through the relay's configuration).</summary>
public sealed class PinnedTlsTests : IAsyncLifetime, IDisposable
{
    private const string PfxPassword = "test-only";

    private readonly string _directory = Directory.CreateTempSubdirectory("tether-tls-").FullName;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.SelfSigned();
    private readonly TestChannel _channel = new();
    private TestRelay _relay = null!;

    public async Task InitializeAsync()
    {
        var pfx = TestCertificates.WritePfx(_certificate, _directory, PfxPassword);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = PfxPassword,
        }).Build();
        _relay = await TestRelay.StartAsync(url: "https://127.0.0.1:0", configuration: configuration);
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    public void Dispose()
    {
        _certificate.Dispose();
        _channel.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PinnedSpki_MatchingTheSelfSignedCertificate_Connects()
    {
        await using var host = RelayClient.Start(_channel.HostOptions(_relay.Url) with { PinnedCertificates = [RelayCertificatePin.Of(_certificate)] });

        var connected = await host.Events.NextAsync<Connected>();

        Assert.NotEqual(0u, connected.PeerId);
        Assert.Equal("https", _relay.Url.Scheme);
    }

    [Fact]
    public async Task PinnedSpki_OfAnotherKey_IsRejectedAndNeverConnects()
    {
        using var other = TestCertificates.SelfSigned();
        await using var host = RelayClient.Start(_channel.HostOptions(_relay.Url) with { PinnedCertificates = [RelayCertificatePin.Of(other)] });

        var disconnected = await host.Events.NextAsync<Disconnected>();

        Assert.True(disconnected.CertificateRejected);
        Assert.Equal(0, host.Counters.Connects);
        Assert.Equal(0, host.Counters.FramesSent);
    }

    [Fact]
    public async Task NoPin_SelfSignedCertificate_FailsChainValidation()
    {
        await using var host = RelayClient.Start(_channel.HostOptions(_relay.Url));

        var disconnected = await host.Events.NextAsync<Disconnected>();

        Assert.True(disconnected.CertificateRejected);
        Assert.Equal(0, host.Counters.Connects);
    }

    [Fact]
    public void ClientSource_HasNoSwitchThatAcceptsAnyCertificate()
    {
        var source = Path.Combine(RepositoryPaths.Root, "src", "Tether.Client");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("DangerousAcceptAnyServerCertificateValidator", StringComparison.Ordinal))
            .ToArray();

        Assert.Empty(offenders);
    }
}
