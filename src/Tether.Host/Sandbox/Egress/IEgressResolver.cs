using System.Net;

namespace Tether.Host.Sandbox.Egress;

/// <summary>Turns an allowed name into addresses; the proxy resolves names itself because the sandbox has no DNS.</summary>
public interface IEgressResolver
{
    /// <summary>The addresses of <paramref name="host"/>, in the order to try them; empty if it has none.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}
