using System.Net;
using System.Net.Sockets;

namespace Tether.Host.Sandbox.Egress;

/// <summary>The system resolver (<see cref="Dns"/>).</summary>
public sealed class DnsEgressResolver : IEgressResolver
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
