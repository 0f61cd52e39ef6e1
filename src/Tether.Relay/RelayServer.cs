using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tether.Relay.Hosting;
using Tether.Relay.Observability;

namespace Tether.Relay;

/// <summary>
/// A running relay node (docs/protocol.md §7): a Kestrel server with the channel endpoint
/// <c>/v1/channels/{channel}</c>, <c>/metrics</c>, <c>/healthz</c> and the web client's files.
/// Embed it (the <c>tether</c> process, tests) or run it alone (<c>tether relay</c>).
/// </summary>
public sealed class RelayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RelayNode _node;
    private readonly Sweeper _sweeper;
    private readonly Lock _stopLock = new();
    private Task? _stopping;

    private RelayServer(WebApplication app, RelayNode node, IReadOnlyList<Uri> urls)
    {
        _app = app;
        _node = node;
        Urls = urls;
        _sweeper = new Sweeper(node);
    }

    /// <summary>The addresses actually bound, e.g. <c>http://127.0.0.1:41234</c> for a port 0 request.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>Starts a relay and returns once it listens.</summary>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public static async Task<RelayServer> StartAsync(RelayOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = RelayOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid relay options: " + string.Join(" ", errors), nameof(options));
        }

        var (app, node) = RelayApplication.Build(options);
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var urls = addresses.Select(a => new Uri(a)).ToArray();
        RelayLog.Started(node.Logger, string.Join(", ", addresses));
        return new RelayServer(app, node, urls);
    }

    /// <summary>
    /// Graceful shutdown: new connections are refused, every client gets RESTARTING and a close with
    /// <c>restarting</c>, and those still there after <paramref name="grace"/> are cut off.
    /// Calling it again returns the same shutdown.
    /// </summary>
    public Task StopAsync(TimeSpan grace)
    {
        lock (_stopLock)
        {
            return _stopping ??= StopCoreAsync(grace);
        }
    }

    /// <summary>Stops at once (no grace) if not stopped yet, and frees the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopCoreAsync(TimeSpan grace)
    {
        await _node.DrainAsync(grace).ConfigureAwait(false);
        _sweeper.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        RelayLog.Stopped(_node.Logger);
    }
}
