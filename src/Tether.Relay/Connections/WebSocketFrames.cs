using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Tether.Relay.Connections;

/// <summary>
/// RFC 6455 framing (§5.2), the server's side of it, in one place: reading client frame headers and
/// writing server frames. Readers take untrusted bytes and return a verdict, never throw.
/// </summary>
/// <remarks>
/// <code>
/// byte 0      FIN (0x80) | RSV1-3 (0x70, must be 0: no extension is negotiated) | opcode (0x0F)
/// byte 1      MASK (0x80, set on every client frame, never on ours) | length (0x7F)
///             length 0..125: the payload length; 126: a u16 follows; 127: a u64 follows (top bit 0)
/// then        the 4-byte masking key (client frames only), then the payload
/// </code>
/// Opcodes: 0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong; the rest are
/// reserved and refused. A header is at most 14 bytes from a client and 10 from us.
/// </remarks>
internal static class WebSocketFrames
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>RFC 6455 §5.5: control frames carry at most 125 bytes and are never fragmented.</summary>
    public const int MaxControlPayload = 125;

    /// <summary>2 + 8 length bytes + 4 mask bytes: the most a client header can take.</summary>
    public const int MaxClientHeader = 14;

    /// <summary>2 + 8 length bytes: the most our (unmasked) header takes.</summary>
    public const int MaxServerHeader = 10;

    private const byte FinBit = 0x80;
    private const byte ReservedBits = 0x70;
    private const byte OpcodeBits = 0x0F;
    private const byte MaskBit = 0x80;
    private const byte LengthBits = 0x7F;

    /// <summary>
    /// Reads a client frame's header from the start of <paramref name="bytes"/>. Needs more bytes:
    /// <see cref="HeaderVerdict.Incomplete"/>. The payload length is returned as read, so the caller
    /// compares it to its limit before it allocates or reads anything for it.
    /// </summary>
    public static HeaderVerdict TryReadClientHeader(ReadOnlySpan<byte> bytes, out WebSocketFrameHeader header)
    {
        header = default;
        if (bytes.Length < 2)
        {
            return HeaderVerdict.Incomplete;
        }

        var first = bytes[0];
        var second = bytes[1];
        if ((first & ReservedBits) != 0)
        {
            return HeaderVerdict.ReservedBits;
        }

        var opcode = (byte)(first & OpcodeBits);
        var fin = (first & FinBit) != 0;
        if (opcode is not (Continuation or Text or Binary or Close or Ping or Pong))
        {
            return HeaderVerdict.UnknownOpcode;
        }

        // RFC 6455 §5.1: a server must close the connection on an unmasked client frame.
        if ((second & MaskBit) == 0)
        {
            return HeaderVerdict.Unmasked;
        }

        var (lengthBytes, length) = (second & LengthBits) switch
        {
            126 => (2, -1L),
            127 => (8, -1L),
            var small => (0, (long)small),
        };
        var headerLength = 2 + lengthBytes + 4;
        if (bytes.Length < headerLength)
        {
            return HeaderVerdict.Incomplete;
        }

        if (lengthBytes == 2)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        }
        else if (lengthBytes == 8)
        {
            var wide = BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);

            // §5.2: the most significant bit of a 64-bit length must be 0.
            if (wide > long.MaxValue)
            {
                return HeaderVerdict.BadLength;
            }

            length = (long)wide;
        }

        if (opcode >= Close && (!fin || length > MaxControlPayload))
        {
            return HeaderVerdict.BadControlFrame;
        }

        // Little-endian, so that key byte i is bits 8i..8i+7 of the uint (see Unmask).
        var mask = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(2 + lengthBytes, 4));
        header = new WebSocketFrameHeader(opcode, fin, length, mask, headerLength);
        return HeaderVerdict.Complete;
    }

    /// <summary>Bytes our header for a payload of <paramref name="length"/> takes.</summary>
    public static int ServerHeaderLength(int length) => length <= 125 ? 2 : length <= ushort.MaxValue ? 4 : 10;

    /// <summary>Writes a final, unmasked server frame header; returns its length.</summary>
    public static int WriteServerHeader(Span<byte> destination, byte opcode, int length)
    {
        destination[0] = (byte)(FinBit | opcode);
        if (length <= 125)
        {
            destination[1] = (byte)length;
            return 2;
        }

        if (length <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
            return 4;
        }

        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)length);
        return 10;
    }

    /// <summary>
    /// XORs <paramref name="payload"/> with the masking key (§5.3), starting <paramref name="offset"/>
    /// bytes into the payload. Masking is its own inverse, so this unmasks.
    /// </summary>
    public static void Unmask(Span<byte> payload, uint mask, long offset)
    {
        // Rotate the key so that payload[0] meets key byte (offset % 4).
        var shift = (int)(offset & 3) * 8;
        var key = shift == 0 ? mask : (mask >> shift) | (mask << (32 - shift));
        var i = 0;

        // Eight bytes at a time: the word's bytes meet the key's in memory order only on a
        // little-endian machine (every platform .NET 10 runs the relay on; the check folds away).
        if (BitConverter.IsLittleEndian && payload.Length >= 8)
        {
            var wide = key | ((ulong)key << 32);
            var words = MemoryMarshal.Cast<byte, ulong>(payload);
            for (var w = 0; w < words.Length; w++)
            {
                words[w] ^= wide;
            }

            i = words.Length * 8;
        }

        for (; i < payload.Length; i++)
        {
            payload[i] ^= (byte)(key >> ((i & 3) * 8));
        }
    }
}
