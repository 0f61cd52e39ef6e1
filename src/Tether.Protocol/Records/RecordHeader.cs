namespace Tether.Protocol.Records;

/// <summary>
/// The fields of a record header (docs/protocol.md §4); the version byte is implied (always 1).
/// A value of this type may describe a record the decoder would refuse; <see cref="RecordCodec"/>
/// refuses to encode those and <see cref="Reassembler"/> refuses to accept them.
/// </summary>
/// <param name="Kind">MESSAGE or ACK.</param>
/// <param name="Flags">MORE and/or REKEY.</param>
/// <param name="Chunk">The chunk index within the message, from 0 (0 for an ACK).</param>
/// <param name="Seq">The message's sequence number, ≥ 1 (0 for an ACK).</param>
/// <param name="Ack">The sender's cumulative acknowledgement: the highest seq it has received in order.</param>
public readonly record struct RecordHeader(RecordKind Kind, RecordFlagBits Flags, ushort Chunk, ulong Seq, ulong Ack)
{
    /// <summary>Whether another chunk of this message follows.</summary>
    public bool More => (Flags & RecordFlagBits.More) != 0;

    /// <summary>Whether the sender rekeys after this record (§5).</summary>
    public bool Rekey => (Flags & RecordFlagBits.Rekey) != 0;

    /// <summary>An ACK record header carrying <paramref name="ack"/>.</summary>
    public static RecordHeader ForAck(ulong ack, bool rekey = false) =>
        new(RecordKind.Ack, rekey ? RecordFlagBits.Rekey : RecordFlagBits.None, 0, 0, ack);

    /// <summary>This header with the REKEY flag set, for the record the rekey policy picked (§5).</summary>
    public RecordHeader WithRekey() => this with { Flags = Flags | RecordFlagBits.Rekey };
}
