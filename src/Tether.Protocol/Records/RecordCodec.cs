using System.Buffers.Binary;

namespace Tether.Protocol.Records;

/// <summary>
/// The record wire format (docs/protocol.md §4, §4.1). One record is the plaintext of exactly one
/// Noise transport message:
/// <code>
/// offset size field
///   0     1   version  0x01
///   1     1   kind     0x01 MESSAGE, 0x02 ACK
///   2     1   flags    bit 0 MORE, bit 1 REKEY, other bits 0
///   3     2   chunk    chunk index within the message (u16)
///   5     8   seq      message sequence number (MESSAGE ≥ 1, ACK 0) (u64)
///  13     8   ack      highest seq received in order from the peer, 0 = none (u64)
///  21     …   body     this chunk's bytes of the message
/// </code>
/// All integers are big-endian.
/// </summary>
public static class RecordCodec
{
    /// <summary>The only record version this implementation knows; others are refused, not guessed.</summary>
    public const byte Version = 0x01;

    /// <summary>version 1 + kind 1 + flags 1 + chunk 2 + seq 8 + ack 8.</summary>
    public const int HeaderSize = 21;

    /// <summary>65,535 (Noise max message, Noise §3) − 16 (AEAD tag): one Noise plaintext.</summary>
    public const int MaxRecordSize = 65_519;

    /// <summary>65,519 − 21 header = 65,498; every chunk of a message but the last is exactly this long.</summary>
    public const int MaxBodyPerRecord = MaxRecordSize - HeaderSize;

    private const int KindOffset = 1;
    private const int FlagsOffset = 2;
    private const int ChunkOffset = 3;
    private const int SeqOffset = 5;
    private const int AckOffset = 13;

    // Bits 2–7 are reserved in version 1; a peer that sets them speaks something we do not.
    private const RecordFlagBits KnownFlags = RecordFlagBits.More | RecordFlagBits.Rekey;

    /// <summary>
    /// Decodes one record (a decrypted Noise plaintext from the peer), checking the rules of §4.1 in
    /// the order the spec lists them.
    /// </summary>
    /// <param name="record">The whole plaintext.</param>
    /// <param name="header">The header fields, when the record is valid.</param>
    /// <param name="body">The body, a slice of <paramref name="record"/>, when the record is valid.</param>
    /// <param name="error">Why the record was refused, or <see cref="RecordError.None"/>.</param>
    /// <returns>Whether the record is valid.</returns>
    public static bool TryDecode(
        ReadOnlySpan<byte> record, out RecordHeader header, out ReadOnlySpan<byte> body, out RecordError error)
    {
        header = default;
        body = default;

        // Lengths first (§4.1 order), before any field is read.
        if (record.Length < HeaderSize)
        {
            error = RecordError.RecordShort;
            return false;
        }

        if (record.Length > MaxRecordSize)
        {
            error = RecordError.RecordLong;
            return false;
        }

        if (record[0] != Version)
        {
            error = RecordError.RecordVersion;
            return false;
        }

        var candidate = new RecordHeader(
            (RecordKind)record[KindOffset],
            (RecordFlagBits)record[FlagsOffset],
            BinaryPrimitives.ReadUInt16BigEndian(record[ChunkOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(record[SeqOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(record[AckOffset..]));
        var rest = record[HeaderSize..];

        error = CheckShape(candidate, rest.Length);
        if (error != RecordError.None)
        {
            return false;
        }

        header = candidate;
        body = rest;
        return true;
    }

    /// <summary>The encoded size of a record with a body of <paramref name="bodyLength"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The body is negative or over <see cref="MaxBodyPerRecord"/>.</exception>
    public static int GetEncodedLength(int bodyLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bodyLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bodyLength, MaxBodyPerRecord);
        return HeaderSize + bodyLength;
    }

    /// <summary>Encodes a record into <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written, <c>21 + body.Length</c>.</returns>
    /// <exception cref="ArgumentException">
    /// The decoder would refuse the record (the message starts with its code), or the destination is too small.
    /// </exception>
    public static int Encode(in RecordHeader header, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // An encoder refuses what the decoder refuses, so no peer ever sees a record we would reject.
        if (body.Length > MaxBodyPerRecord)
        {
            throw RecordExceptions.Refused(RecordError.RecordLong, nameof(body));
        }

        var shape = CheckShape(header, body.Length);
        if (shape != RecordError.None)
        {
            throw RecordExceptions.Refused(shape, nameof(header));
        }

        var length = HeaderSize + body.Length;
        if (destination.Length < length)
        {
            throw RecordExceptions.DestinationTooSmall(nameof(destination), length);
        }

        destination[0] = Version;
        destination[KindOffset] = (byte)header.Kind;
        destination[FlagsOffset] = (byte)header.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[ChunkOffset..], header.Chunk);
        BinaryPrimitives.WriteUInt64BigEndian(destination[SeqOffset..], header.Seq);
        BinaryPrimitives.WriteUInt64BigEndian(destination[AckOffset..], header.Ack);
        body.CopyTo(destination[HeaderSize..]);
        return length;
    }

    /// <summary>Encodes a record into a new array.</summary>
    /// <exception cref="ArgumentException">The decoder would refuse the record.</exception>
    public static byte[] Encode(in RecordHeader header, ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyPerRecord)
        {
            throw RecordExceptions.Refused(RecordError.RecordLong, nameof(body));
        }

        var bytes = new byte[HeaderSize + body.Length];
        Encode(header, body, bytes);
        return bytes;
    }

    /// <summary>
    /// The §4.1 rules after version and length: kind, flags, ACK shape, seq zero, in that order.
    /// Shared by the decoder, the encoder and the reassembler so all three agree.
    /// </summary>
    internal static RecordError CheckShape(in RecordHeader header, int bodyLength)
    {
        if (header.Kind is not (RecordKind.Message or RecordKind.Ack))
        {
            return RecordError.RecordKind;
        }

        if ((header.Flags & ~KnownFlags) != 0)
        {
            return RecordError.RecordFlags;
        }

        if (header.Kind == RecordKind.Ack)
        {
            // An ACK carries no message; REKEY is allowed (a quiet side still has to rekey).
            return header.Seq != 0 || header.Chunk != 0 || header.More || bodyLength != 0
                ? RecordError.AckShape
                : RecordError.None;
        }

        return header.Seq == 0 ? RecordError.SeqZero : RecordError.None;
    }
}
