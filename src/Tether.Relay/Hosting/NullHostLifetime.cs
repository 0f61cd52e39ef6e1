using Microsoft.Extensions.Hosting;

namespace Tether.Relay.Hosting;

/// <summary>
/// A host lifetime that listens to no signal: an embedded relay must not take Ctrl-C or SIGTERM from
/// the process it lives in. Whoever owns the process calls <see cref="RelayServer.StopAsync"/>.
/// </summary>
internal sealed class NullHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
