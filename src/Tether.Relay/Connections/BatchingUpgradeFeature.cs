using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tether.Relay.Connections;

/// <summary>
/// Puts a <see cref="BatchingStream"/> between the WebSocket and the upgraded connection: ASP.NET
/// Core's WebSocket middleware upgrades through this feature, so the WebSocket it builds (handshake,
/// pings, close) is the framework's, and only its writes go through the batching stream.
/// </summary>
internal sealed class BatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The stream handed to the WebSocket; null until the upgrade.</summary>
    public BatchingStream? Stream { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        Stream = new BatchingStream(await inner.UpgradeAsync().ConfigureAwait(false));
        return Stream;
    }

    /// <summary>Middleware for the channel endpoint, placed before <c>UseWebSockets</c>.</summary>
    public static Task Install(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            context.Features.Set<IHttpUpgradeFeature>(new BatchingUpgradeFeature(upgrade));
        }

        return next(context);
    }
}
