namespace Tether.Protocol.Records;

/// <summary>The one mapping from <see cref="RecordError"/> to the codes of docs/protocol.md §4.</summary>
public static class RecordErrorExtensions
{
    /// <summary>The protocol's code for <paramref name="error"/>, e.g. <c>"seq-gap"</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is not a defined value.</exception>
    public static string ToCode(this RecordError error) => error switch
    {
        RecordError.None => "none",
        RecordError.RecordShort => "record-short",
        RecordError.RecordLong => "record-long",
        RecordError.RecordVersion => "record-version",
        RecordError.RecordKind => "record-kind",
        RecordError.RecordFlags => "record-flags",
        RecordError.AckShape => "ack-shape",
        RecordError.SeqZero => "seq-zero",
        RecordError.SeqMismatch => "seq-mismatch",
        RecordError.SeqGap => "seq-gap",
        RecordError.ChunkOrder => "chunk-order",
        RecordError.ChunkShort => "chunk-short",
        RecordError.MessageTooLarge => "message-too-large",
        RecordError.AckDecreased => "ack-decreased",
        RecordError.AckAhead => "ack-ahead",
        RecordError.OutboundFull => "outbound-full",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "not a RecordError value"),
    };
}
