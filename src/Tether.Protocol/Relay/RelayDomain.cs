using System.Text;

namespace Tether.Protocol.Relay;

/// <summary>
/// The ASCII labels that separate every hash and signature of the relay protocol by purpose
/// (docs/protocol.md §7), so that no signed or hashed message can be taken for another kind.
/// </summary>
internal static class RelayDomain
{
    public static ReadOnlySpan<byte> Channel => "tether/1 channel"u8;

    public static ReadOnlySpan<byte> DeviceCertificate => "tether/1 device-cert"u8;

    public static ReadOnlySpan<byte> Hello => "tether/1 relay-hello"u8;

    public static ReadOnlySpan<byte> Token => "tether/1 relay-token"u8;

    public static ReadOnlySpan<byte> Pairing => "tether/1 relay pairing"u8;

    /// <summary>label ‖ parts, as one array.</summary>
    public static byte[] Concat(ReadOnlySpan<byte> label, params ReadOnlySpan<byte[]> parts)
    {
        var length = label.Length;
        foreach (var p in parts)
        {
            length += p.Length;
        }

        var result = new byte[length];
        label.CopyTo(result);
        var offset = label.Length;
        foreach (var p in parts)
        {
            p.CopyTo(result, offset);
            offset += p.Length;
        }

        return result;
    }

    public static string Describe(ReadOnlySpan<byte> label) => Encoding.ASCII.GetString(label);
}
