using System.Text;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// A parsed request head: only <c>CONNECT host:port HTTP/1.x</c> passes. Headers are read past and ignored
/// (there is no proxy authentication: the socket's path is the session's credential).
/// </summary>
internal sealed record ConnectRequest(string Host, int Port)
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>The offset just past the blank line that ends the head in <paramref name="buffer"/>, or -1.</summary>
    public static int HeadLength(ReadOnlySpan<byte> buffer)
    {
        var index = buffer.IndexOf(HeadEnd);
        return index < 0 ? -1 : index + HeadEnd.Length;
    }

    /// <summary>Parses a complete head; returns null with <paramref name="reason"/> when it is refused.</summary>
    /// <param name="rawHost">The host as the client wrote it, for the audit line.</param>
    public static ConnectRequest? Parse(ReadOnlySpan<byte> head, out string rawHost, out string reason)
    {
        rawHost = string.Empty;
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = Encoding.ASCII.GetString(head[..lineEnd]);
        var parts = line.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            reason = EgressReasons.BadRequest;
            return null;
        }

        if (parts[0] != "CONNECT")
        {
            // An absolute-form URI is a client trying plain HTTP through us; say so rather than "wrong method".
            reason = parts[1].StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? EgressReasons.HttpsOnly : EgressReasons.ConnectOnly;
            return null;
        }

        var target = parts[1];
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            reason = EgressReasons.BadRequest;
            return null;
        }

        rawHost = target[..colon];
        reason = string.Empty;
        return new ConnectRequest(rawHost, port);
    }
}
