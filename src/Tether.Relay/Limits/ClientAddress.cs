using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Tether.Relay.Limits;

/// <summary>
/// The address a connection counts against in the per-address limits: the socket's peer, or, when
/// that peer is a trusted reverse proxy, the nearest untrusted hop of <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class ClientAddress(IReadOnlyList<IPAddress> trustedProxies)
{
    private readonly HashSet<IPAddress> _trusted = trustedProxies.Select(Normalize).ToHashSet();

    public IPAddress Resolve(HttpContext context)
    {
        var remote = Normalize(context.Connection.RemoteIpAddress ?? IPAddress.None);
        if (!_trusted.Contains(remote))
        {
            return remote;
        }

        // Read right to left: each trusted proxy appended the address it saw; the first hop that is
        // not one of ours is the client. A hop that does not parse stops the walk (it could be forged).
        var hops = context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var client = remote;
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                break;
            }

            client = Normalize(hop);
            if (!_trusted.Contains(client))
            {
                break;
            }
        }

        return client;
    }

    /// <summary>
    /// The key an address is limited under: IPv4 as is (also when mapped into IPv6), IPv6 by its /64,
    /// since one subscriber usually holds a whole /64 and could otherwise rotate through it.
    /// </summary>
    public static IPAddress LimitKey(IPAddress address)
    {
        address = Normalize(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
