namespace Tether.Protocol.Records;

/// <summary>
/// Splits an outgoing message into records (docs/protocol.md §4.2): <c>c = max(1, ceil(L / 65,498))</c>
/// chunks with indexes 0 … c−1, MORE on all but the last, every chunk but the last exactly
/// <see cref="RecordCodec.MaxBodyPerRecord"/> bytes, the last the rest (0 bytes for an empty message).
/// </summary>
public static class Chunker
{
    /// <summary>
    /// 4 MiB: bounds the reassembly buffer of each connection (§4.2). Larger tool outputs are
    /// truncated by the host before sending, with the full size stated.
    /// </summary>
    public const int MaxMessageBytes = 4_194_304;

    /// <summary>ceil(4,194,304 / 65,498) = 65 chunks at most per message.</summary>
    public const int MaxChunksPerMessage = (MaxMessageBytes + RecordCodec.MaxBodyPerRecord - 1) / RecordCodec.MaxBodyPerRecord;

    /// <summary>Whether a message of <paramref name="messageLength"/> bytes may be sent.</summary>
    public static bool IsWithinLimit(long messageLength) => messageLength is >= 0 and <= MaxMessageBytes;

    /// <summary>How many records a message of <paramref name="messageLength"/> bytes takes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The length is negative or over <see cref="MaxMessageBytes"/> (the message starts with
    /// <c>message-too-large</c>); sending such a message is a caller bug, so it is refused before any work.
    /// </exception>
    public static int GetChunkCount(int messageLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messageLength);
        if (messageLength > MaxMessageBytes)
        {
            throw RecordExceptions.MessageTooLarge(nameof(messageLength), messageLength);
        }

        // An empty message is still one record, so the receiver sees it and advances its seq.
        return Math.Max(1, (messageLength + RecordCodec.MaxBodyPerRecord - 1) / RecordCodec.MaxBodyPerRecord);
    }

    /// <summary>Chunk <paramref name="index"/> of a message of <paramref name="messageLength"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is refused or the index is out of range.</exception>
    public static MessageChunk GetChunk(int messageLength, int index)
    {
        var count = GetChunkCount(messageLength);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);

        var offset = index * RecordCodec.MaxBodyPerRecord;
        var length = Math.Min(RecordCodec.MaxBodyPerRecord, messageLength - offset);
        return new MessageChunk((ushort)index, index < count - 1, offset, length);
    }

    /// <summary>Every chunk of a message of <paramref name="messageLength"/> bytes, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative or over <see cref="MaxMessageBytes"/>.</exception>
    public static MessageChunk[] Split(int messageLength)
    {
        var chunks = new MessageChunk[GetChunkCount(messageLength)];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = GetChunk(messageLength, i);
        }

        return chunks;
    }
}
