using Microsoft.Extensions.Configuration;
using Tether.Protocol.Relay;
using Tether.Relay;

namespace Tether.Client.Tests.Support;

/// <summary>An in-process relay on loopback that can be stopped and started again on the same address with the same keys.</summary>
internal sealed class TestRelay : IAsyncDisposable
{
    private readonly RelayOptions _options;
    private RelayServer? _server;

    private TestRelay(RelayOptions options) => _options = options;

    /// <summary>The bound base URL (stays the same across <see cref="RestartAsync"/>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>
    /// The protocol's limits, except for a quick RESTARTING hint (tests should not wait up to 5 s) and
    /// REFRESH allowed every second (the refresh test runs in seconds, not minutes).
    /// </summary>
    public static RelayLimits QuickLimits { get; } = new() { RestartSpread = TimeSpan.FromMilliseconds(200), RefreshInterval = TimeSpan.FromSeconds(1) };

    public static async Task<TestRelay> StartAsync(
        RelayTokenKey? key = null, TimeProvider? time = null, string url = "http://127.0.0.1:0", IConfiguration? configuration = null, RelayLimits? limits = null)
    {
        var relay = new TestRelay(new RelayOptions
        {
            Urls = [url],
            TokenKeys = [key ?? RelayTokenKey.Generate(1)],
            Limits = limits ?? QuickLimits,
            Time = time ?? TimeProvider.System,
            Configuration = configuration,
        });
        await relay.StartAsync(url).ConfigureAwait(false);
        return relay;
    }

    /// <summary>Graceful stop (RESTARTING to every client), then a new server on the same address with the same keys.</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        await StopAsync().ConfigureAwait(false);
        await Task.Delay(down).ConfigureAwait(false);
        await StartAsync(Url.ToString()).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var key in _options.TokenKeys)
        {
            key.Dispose();
        }
    }

    private async Task StartAsync(string url)
    {
        _server = await RelayServer.StartAsync(_options with { Urls = [url] }).ConfigureAwait(false);
        Url = _server.Urls[0];
    }
}
