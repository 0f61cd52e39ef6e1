using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Tether.Client.Sessions;

/// <summary>
/// The 16-byte id of a stream (docs/protocol.md §9): the record state between a host session and one
/// device. Random, so a device can only name a stream it was told about; <see cref="None"/> (all zero)
/// asks for a new one. Not a secret (it travels inside the encrypted handshake, and resuming also needs
/// the same device key), so it may be saved and shown.
/// </summary>
public readonly record struct StreamId(UInt128 Value)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 16;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>No stream: "start a new one".</summary>
    public static StreamId None => default;

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => Value == UInt128.Zero;

    /// <summary>A fresh random id (never <see cref="None"/>).</summary>
    public static StreamId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[Length];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (bytes.IndexOfAnyExcept((byte)0) < 0);

        return Read(bytes);
    }

    /// <summary>Reads an id from exactly <see cref="Length"/> bytes.</summary>
    /// <exception cref="ArgumentException">Not 16 bytes.</exception>
    public static StreamId Read(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new StreamId(BinaryPrimitives.ReadUInt128BigEndian(bytes))
            : throw new ArgumentException($"A stream id is {Length} bytes.", nameof(bytes));

    /// <summary>Parses the 32 lowercase hex characters of <see cref="ToString"/>; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out StreamId id)
    {
        id = default;
        if (hex.Length != 2 * Length || hex.ContainsAnyExcept(LowerHex))
        {
            return false;
        }

        id = new StreamId(UInt128.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Writes the 16 bytes, big-endian.</summary>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, Value);

    /// <summary>32 lowercase hex characters.</summary>
    public override string ToString() => Value.ToString("x32", CultureInfo.InvariantCulture);
}
