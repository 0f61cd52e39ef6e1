using System.Net;
using Tether.Host.Sandbox.Egress;

namespace Tether.Host.Tests.Sandbox.Egress;

/// <summary>Answers from a fixed table; unknown names have no address.</summary>
internal sealed class StaticResolver(Dictionary<string, string[]> table) : IEgressResolver
{
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IPAddress>>(table.TryGetValue(host, out var addresses) ? [.. addresses.Select(IPAddress.Parse)] : []);
}
