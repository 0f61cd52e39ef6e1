namespace Tether.Protocol.Records;

/// <summary>
/// One chunk of an outgoing message (docs/protocol.md §4.2): which bytes of the message it carries
/// and whether more follow. The ack and REKEY flag are decided when the record is sent, not here.
/// </summary>
/// <param name="Index">The chunk index, from 0.</param>
/// <param name="More">Whether another chunk follows (set on all but the last).</param>
/// <param name="Offset">Where this chunk's bytes start in the message.</param>
/// <param name="Length">How many bytes of the message this chunk carries.</param>
public readonly record struct MessageChunk(ushort Index, bool More, int Offset, int Length)
{
    /// <summary>The record header for this chunk of message <paramref name="seq"/>.</summary>
    /// <param name="seq">The message's sequence number (≥ 1).</param>
    /// <param name="ack">The sender's current cumulative acknowledgement.</param>
    /// <param name="rekey">Whether the rekey policy picked this record (§5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seq"/> is 0.</exception>
    public RecordHeader ToHeader(ulong seq, ulong ack, bool rekey = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seq);
        var flags = (More ? RecordFlagBits.More : RecordFlagBits.None) | (rekey ? RecordFlagBits.Rekey : RecordFlagBits.None);
        return new RecordHeader(RecordKind.Message, flags, Index, seq, ack);
    }

    /// <summary>This chunk's bytes of <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message is shorter than this chunk says.</exception>
    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> message) => message.Slice(Offset, Length);
}
