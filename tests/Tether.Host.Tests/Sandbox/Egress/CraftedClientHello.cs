using System.Buffers.Binary;
using System.Text;

namespace Tether.Host.Tests.Sandbox.Egress;

/// <summary>Builds ClientHello bytes by hand (RFC 8446 4.1.2), so the parser can be fed exact and broken layouts.</summary>
internal static class CraftedClientHello
{
    /// <summary>The handshake message (type, 3-byte length, body) with the given SNI (none when null).</summary>
    public static byte[] Handshake(string? sni, bool ech = false, bool duplicateSni = false)
    {
        var extensions = new List<byte>();
        if (sni is not null)
        {
            var name = Encoding.ASCII.GetBytes(sni);
            var entry = Concat([0], U16(name.Length), name);
            var data = Concat(U16(entry.Length), entry);
            extensions.AddRange(Concat(U16(0), U16(data.Length), data));
            if (duplicateSni)
            {
                extensions.AddRange(Concat(U16(0), U16(data.Length), data));
            }
        }

        // supported_versions (43): TLS 1.3, so the hello looks like a real one.
        extensions.AddRange(Concat(U16(43), U16(3), [2, 3, 4]));
        if (ech)
        {
            extensions.AddRange(Concat(U16(0xfe0d), U16(4), [0, 1, 2, 3]));
        }

        var body = Concat(
            [3, 3],
            new byte[32],
            [0],
            U16(2), [0x13, 0x01],
            [1, 0],
            U16(extensions.Count), [.. extensions]);
        return Concat([1, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length], body);
    }

    /// <summary>Wraps <paramref name="handshake"/> in handshake records of at most <paramref name="fragment"/> bytes each.</summary>
    public static byte[] Records(byte[] handshake, int fragment = 16384)
    {
        var output = new List<byte>();
        for (var offset = 0; offset < handshake.Length; offset += fragment)
        {
            var piece = handshake.AsSpan(offset, Math.Min(fragment, handshake.Length - offset));
            output.AddRange(Concat([22, 3, 1], U16(piece.Length), piece.ToArray()));
        }

        return [.. output];
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
