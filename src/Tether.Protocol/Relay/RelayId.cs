using System.Buffers.Binary;
using System.Globalization;

namespace Tether.Protocol.Relay;

/// <summary>
/// A 16-byte identifier on the relay: a channel id or a token subject (docs/protocol.md §7.1). Held
/// as a <see cref="UInt128"/> so that routing tables key on it without allocating; written big-endian,
/// shown as 32 lowercase hex characters.
/// </summary>
public readonly record struct RelayId(UInt128 Value)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 16;

    /// <summary>Reads an id from exactly <see cref="Length"/> bytes.</summary>
    public static RelayId Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A relay id is {Length} bytes.", nameof(bytes));
        }

        return new RelayId(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    /// <summary>Parses 32 lowercase hex characters (the form in URLs); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out RelayId id)
    {
        id = default;
        if (hex.Length != 2 * Length)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        id = new RelayId(UInt128.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Writes the id into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, Value);

    /// <summary>The id as a fresh 16-byte array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>32 lowercase hex characters.</summary>
    public override string ToString() => Value.ToString("x32", CultureInfo.InvariantCulture);
}
