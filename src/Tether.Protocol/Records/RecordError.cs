namespace Tether.Protocol.Records;

/// <summary>
/// Every refusal of the record layer (docs/protocol.md §4): a record (§4.1), a record sequence
/// (§4.2, §4.3), a peer's ack, or a full outbound log. Each value maps to the spec's code through
/// <see cref="RecordErrorExtensions.ToCode"/>, so both implementations report the same thing. Every
/// error but <see cref="OutboundFull"/> drops the connection.
/// </summary>
public enum RecordError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary><c>record-short</c>: fewer than 21 bytes.</summary>
    RecordShort,

    /// <summary><c>record-long</c>: more than 65,519 bytes (one Noise plaintext).</summary>
    RecordLong,

    /// <summary><c>record-version</c>: the version byte is not 0x01.</summary>
    RecordVersion,

    /// <summary><c>record-kind</c>: the kind is neither MESSAGE nor ACK.</summary>
    RecordKind,

    /// <summary><c>record-flags</c>: a flag bit other than MORE and REKEY is set.</summary>
    RecordFlags,

    /// <summary><c>ack-shape</c>: an ACK with a seq, a chunk index, MORE or a body.</summary>
    AckShape,

    /// <summary><c>seq-zero</c>: a MESSAGE with seq 0.</summary>
    SeqZero,

    /// <summary><c>seq-mismatch</c>: a record of another message while one is in progress.</summary>
    SeqMismatch,

    /// <summary><c>seq-gap</c>: a message that skips a sequence number.</summary>
    SeqGap,

    /// <summary><c>chunk-order</c>: a chunk index other than the expected one.</summary>
    ChunkOrder,

    /// <summary><c>chunk-short</c>: a chunk with MORE whose body is not exactly 65,498 bytes.</summary>
    ChunkShort,

    /// <summary><c>message-too-large</c>: a message over 4,194,304 bytes.</summary>
    MessageTooLarge,

    /// <summary><c>ack-decreased</c>: a peer's ack is lower than one it sent before.</summary>
    AckDecreased,

    /// <summary><c>ack-ahead</c>: a peer's ack covers a seq this side never sent.</summary>
    AckAhead,

    /// <summary>
    /// <c>outbound-full</c>: appending would take the unacknowledged messages over their bound. Not a
    /// protocol violation: the caller waits for acknowledgements and tries again.
    /// </summary>
    OutboundFull,
}
