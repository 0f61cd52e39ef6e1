using System.Net;
using System.Net.Sockets;

namespace Tether.Host.Sandbox.Egress;

/// <summary>A CIDR block (<c>10.0.0.0/8</c>, <c>fc00::/7</c>); IPv4-mapped IPv6 addresses are compared as IPv4.</summary>
internal sealed record AddressRange(IPAddress Network, int PrefixLength)
{
    /// <summary>Parses <c>address/prefix</c> or a single address, or returns null.</summary>
    public static AddressRange? Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            return null;
        }

        address = Normalize(address);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > max))
        {
            return null;
        }

        return new AddressRange(address, prefix);
    }

    /// <summary>Whether <paramref name="address"/> lies in this block.</summary>
    public bool Contains(IPAddress address)
    {
        address = Normalize(address);
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        Span<byte> mine = stackalloc byte[16];
        Span<byte> theirs = stackalloc byte[16];
        Network.TryWriteBytes(mine, out var length);
        address.TryWriteBytes(theirs, out _);
        var whole = PrefixLength / 8;
        if (!mine[..whole].SequenceEqual(theirs[..whole]))
        {
            return false;
        }

        var rest = PrefixLength % 8;
        if (rest == 0 || whole >= length)
        {
            return true;
        }

        var mask = (byte)(0xff << (8 - rest));
        return (mine[whole] & mask) == (theirs[whole] & mask);
    }

    /// <summary>IPv4-mapped IPv6 (<c>::ffff:10.0.0.1</c>) reaches the IPv4 host, so it is judged as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public override string ToString() => $"{Network}/{PrefixLength}";
}
