namespace Tether.Protocol.Pairing;

/// <summary>
/// The relay URL grammar of docs/protocol.md §2.2, matched exactly by hand. <see cref="Uri"/> is not
/// used because it normalises (lowercases, drops default ports, resolves dot segments), while every
/// implementation must accept the same set of strings unchanged: the link's base is compared with
/// the payload's URL byte for byte.
/// <code>
/// relay-url = scheme "://" host [ ":" port ] *( "/" segment )
/// scheme    = "https" / "http"                 ; lowercase; http only to a loopback host
/// host      = name / "[" ipv6 "]"
/// name      = label *( "." label )            ; an IPv4 address is a name too
/// label     = alnum [ *( alnum / "-" ) alnum ] ; alnum = lowercase letter or digit
/// ipv6      = 1*( lowercase hex digit / ":" / "." )
/// port      = 1*5 digits, 1..65535, no leading zero
/// segment   = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "%" / "!" / "$" / "&amp;" / "'" /
///                 "(" / ")" / "*" / "+" / "," / ";" / "=" / ":" / "@" )
/// </code>
/// </summary>
/// <remarks>
/// Loopback (the only hosts plain http may reach) is exactly <c>localhost</c>, <c>[::1]</c> or
/// <c>127.a.b.c</c> with each part 0–255 in decimal without a leading zero (some stacks read
/// <c>010</c> as octal, so <c>127.0.0.010</c> would not mean what it says).
/// </remarks>
public static class RelayUrlGrammar
{
    /// <summary>The payload stores the length as a u16, but 512 bytes keeps the QR code scannable (§2.1).</summary>
    public const int MaxLength = 512;

    private const string Https = "https://";
    private const string Http = "http://";

    /// <summary>Whether <paramref name="url"/> is a relay URL per §2.2 (ASCII, 1 to 512 characters).</summary>
    public static bool IsValid(ReadOnlySpan<char> url)
    {
        if (url.Length is < 1 or > MaxLength)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[url.Length];
        for (var i = 0; i < url.Length; i++)
        {
            if (url[i] > 0x7F)
            {
                return false;
            }

            ascii[i] = (byte)url[i];
        }

        return IsValid(ascii);
    }

    /// <summary>Whether the bytes <paramref name="url"/> are a relay URL per §2.2 (1 to 512 bytes).</summary>
    public static bool IsValid(ReadOnlySpan<byte> url)
    {
        if (url.Length is < 1 or > MaxLength)
        {
            return false;
        }

        bool isHttp;
        int pos;
        if (url.StartsWith("https://"u8))
        {
            isHttp = false;
            pos = Https.Length;
        }
        else if (url.StartsWith("http://"u8))
        {
            isHttp = true;
            pos = Http.Length;
        }
        else
        {
            return false;
        }

        var hostLength = ScanHost(url[pos..]);
        if (hostLength <= 0)
        {
            return false;
        }

        var host = url.Slice(pos, hostLength);
        pos += hostLength;

        if (pos < url.Length && url[pos] == (byte)':')
        {
            var portLength = ScanWhile(url[(pos + 1)..], IsDigit);
            if (!IsPort(url.Slice(pos + 1, portLength)))
            {
                return false;
            }

            pos += 1 + portLength;
        }

        while (pos < url.Length)
        {
            if (url[pos] != (byte)'/')
            {
                return false;
            }

            // An empty segment also rules out a trailing '/'.
            var segmentLength = ScanWhile(url[(pos + 1)..], IsSegmentChar);
            if (segmentLength == 0)
            {
                return false;
            }

            pos += 1 + segmentLength;
        }

        // Plain http only reaches the relay embedded in `tether` on the same machine.
        return !isHttp || IsLoopback(host);
    }

    /// <summary>The length of the host at the start of <paramref name="text"/>, or 0 when there is none.</summary>
    private static int ScanHost(ReadOnlySpan<byte> text)
    {
        if (!text.IsEmpty && text[0] == (byte)'[')
        {
            var inner = ScanWhile(text[1..], IsIpv6Char);
            var closes = 1 + inner < text.Length && text[1 + inner] == (byte)']';
            return inner > 0 && closes ? inner + 2 : 0;
        }

        var length = ScanWhile(text, IsNameChar);
        return IsName(text[..length]) ? length : 0;
    }

    /// <summary>label *( "." label ): no empty label, none starting or ending with '-'.</summary>
    private static bool IsName(ReadOnlySpan<byte> name)
    {
        while (true)
        {
            var dot = name.IndexOf((byte)'.');
            var label = dot < 0 ? name : name[..dot];
            if (label.IsEmpty || !IsAlnum(label[0]) || !IsAlnum(label[^1]))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            name = name[(dot + 1)..];
        }
    }

    private static bool IsPort(ReadOnlySpan<byte> digits)
    {
        if (digits.Length is < 1 or > 5 || digits[0] == (byte)'0')
        {
            return false;
        }

        var value = 0;
        foreach (var d in digits)
        {
            value = (value * 10) + (d - '0');
        }

        return value <= 65_535;
    }

    private static bool IsLoopback(ReadOnlySpan<byte> host)
    {
        if (host.SequenceEqual("localhost"u8) || host.SequenceEqual("[::1]"u8))
        {
            return true;
        }

        // 127.a.b.c, each part 0–255 in decimal.
        if (!host.StartsWith("127."u8))
        {
            return false;
        }

        var parts = 1;
        var rest = host[4..];
        while (true)
        {
            var dot = rest.IndexOf((byte)'.');
            var part = dot < 0 ? rest : rest[..dot];
            if (!IsIpv4Part(part))
            {
                return false;
            }

            parts++;
            if (dot < 0)
            {
                return parts == 4;
            }

            rest = rest[(dot + 1)..];
        }
    }

    private static bool IsIpv4Part(ReadOnlySpan<byte> part)
    {
        if (part.Length is < 1 or > 3 || (part.Length > 1 && part[0] == (byte)'0'))
        {
            return false;
        }

        var value = 0;
        foreach (var d in part)
        {
            if (!IsDigit(d))
            {
                return false;
            }

            value = (value * 10) + (d - '0');
        }

        return value <= 255;
    }

    private static int ScanWhile(ReadOnlySpan<byte> text, Func<byte, bool> accept)
    {
        var i = 0;
        while (i < text.Length && accept(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsAlnum(byte c) => IsDigit(c) || c is >= (byte)'a' and <= (byte)'z';

    // Lowercase only: an uppercase host would be a second spelling of the same relay.
    private static bool IsNameChar(byte c) => IsAlnum(c) || c is (byte)'-' or (byte)'.';

    private static bool IsIpv6Char(byte c) => IsDigit(c) || c is >= (byte)'a' and <= (byte)'f' or (byte)':' or (byte)'.';

    private static bool IsSegmentChar(byte c) =>
        IsAlnum(c) || c is >= (byte)'A' and <= (byte)'Z' || "-._~%!$&'()*+,;=:@"u8.Contains(c);
}
