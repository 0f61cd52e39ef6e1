using System.Net;
using System.Net.Sockets;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Addresses an allowed name must not resolve to unless the policy allows the range: a DNS answer pointing
/// an allowed name at the workstation, its LAN or a cloud metadata service would turn the allowlist into a
/// door to everything it was meant to keep out (DNS rebinding).
/// </summary>
internal static class ForbiddenAddresses
{
    // Order matters: the metadata addresses sit inside link-local and ULA, and their reason is the sharper one.
    private static readonly (AddressRange Range, string Reason)[] Ranges =
    [
        (Range("169.254.169.254/32"), "metadata-address"),
        (Range("fd00:ec2::254/128"), "metadata-address"),
        (Range("0.0.0.0/8"), "unspecified-address"),
        (Range("127.0.0.0/8"), "loopback-address"),
        (Range("169.254.0.0/16"), "link-local-address"),
        (Range("10.0.0.0/8"), "private-address"),
        (Range("172.16.0.0/12"), "private-address"),
        (Range("192.168.0.0/16"), "private-address"),
        (Range("100.64.0.0/10"), "cgnat-address"),
        (Range("224.0.0.0/4"), "multicast-address"),
        (Range("240.0.0.0/4"), "reserved-address"),
        (Range("::/128"), "unspecified-address"),
        (Range("::1/128"), "loopback-address"),
        (Range("fe80::/10"), "link-local-address"),
        (Range("fc00::/7"), "unique-local-address"),
        (Range("ff00::/8"), "multicast-address"),
    ];

    // NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits; judge the embedded one.
    private static readonly AddressRange Nat64 = Range("64:ff9b::/96");

    /// <summary>The reason <paramref name="address"/> is refused, or null if it is an ordinary public address.</summary>
    public static string? Reason(IPAddress address)
    {
        address = AddressRange.Normalize(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        foreach (var (range, reason) in Ranges)
        {
            if (range.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }

    private static AddressRange Range(string text) => AddressRange.Parse(text) ?? throw new InvalidOperationException(text);
}
