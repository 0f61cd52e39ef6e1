using Tether.Protocol.Relay;
using Tether.Relay;

namespace Tether.Host.Tests.Support;

/// <summary>An in-process relay on a loopback port (modelled on Tether.Client.Tests' TestRelay).</summary>
internal sealed class TestRelay : IAsyncDisposable
{
    private readonly RelayTokenKey _key;
    private readonly RelayServer _server;

    private TestRelay(RelayTokenKey key, RelayServer server)
    {
        _key = key;
        _server = server;
    }

    /// <summary>The base URL in the §2.2 form a pairing link carries (no trailing slash).</summary>
    public string Url => _server.Urls[0].GetLeftPart(UriPartial.Authority);

    public static async Task<TestRelay> StartAsync()
    {
        var key = RelayTokenKey.Generate(1);
        var server = await RelayServer.StartAsync(new RelayOptions
        {
            Urls = ["http://127.0.0.1:0"],
            TokenKeys = [key],
            Limits = new RelayLimits(),
            Time = TimeProvider.System,
        }).ConfigureAwait(false);
        return new TestRelay(key, server);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
    }
}
