namespace Tether.Protocol.Records;

/// <summary>
/// The receiving side of the record layer (docs/protocol.md §4.3): checks each decoded record
/// against the sequence rules, reassembles chunked messages and delivers each message once.
/// </summary>
/// <remarks>
/// <para>
/// One instance per connection. It keeps <see cref="Delivered"/> and at most one message in
/// progress, whose buffer is bounded by <see cref="Chunker.MaxMessageBytes"/> (rule 5 is checked
/// before anything is appended). After a reconnect, make a new instance from the old one's
/// <see cref="Delivered"/>: the sender resends every unacknowledged message from chunk 0, so a
/// half-received message must be forgotten, but what was delivered must not be delivered again.
/// </para>
/// <para>
/// The first error fails the reassembler for good: the connection is dropped (§4.3) and any later
/// <see cref="Accept"/> throws. The peer's <c>ack</c> is not checked here; that is the
/// <see cref="OutboundLog"/>'s job, because only the sender side knows the highest seq sent.
/// Not thread-safe: records of one connection arrive in order on one reader.
/// </para>
/// </remarks>
public sealed class Reassembler
{
    // Grow the buffer of a chunked message by doubling from two chunks rather than allocating
    // 4 MiB up front: most messages are small, and a peer must send the bytes to make us allocate.
    private const int InitialBufferSize = 2 * RecordCodec.MaxBodyPerRecord;

    private bool _inProgress;
    private ulong _inProgressSeq;
    private int _nextChunk;
    private int _size;
    private bool _inProgressIsDuplicate;
    private byte[]? _buffer;

    /// <summary>A reassembler for a fresh host session (nothing delivered yet).</summary>
    public Reassembler()
        : this(0)
    {
    }

    /// <summary>A reassembler that resumes after a reconnect.</summary>
    /// <param name="delivered">The previous connection's <see cref="Delivered"/>.</param>
    public Reassembler(ulong delivered) => Delivered = delivered;

    /// <summary>
    /// The highest seq delivered to the application. It is also this side's cumulative
    /// acknowledgement: the <c>ack</c> to put in every record it sends.
    /// </summary>
    public ulong Delivered { get; private set; }

    /// <summary>How many duplicate records (resends of delivered messages) were checked and dropped.</summary>
    public long DuplicateCount { get; private set; }

    /// <summary>The error that failed this reassembler, or <see cref="RecordError.None"/>.</summary>
    public RecordError Error { get; private set; }

    /// <summary>Whether a record was refused; if so, the connection is dropped and this instance is not used again.</summary>
    public bool IsFailed => Error != RecordError.None;

    /// <summary>Takes the next record of the connection, in the order it was received.</summary>
    /// <param name="header">The header from <see cref="RecordCodec.TryDecode"/>.</param>
    /// <param name="body">The body from <see cref="RecordCodec.TryDecode"/>.</param>
    /// <param name="message">The whole message when the outcome is <see cref="ReassemblyOutcome.Delivered"/>; otherwise null.</param>
    /// <param name="error">Why the record was refused when the outcome is <see cref="ReassemblyOutcome.Failed"/>.</param>
    /// <returns>What happened to the record.</returns>
    /// <exception cref="ArgumentException">The record is one the decoder would have refused (a caller bug).</exception>
    /// <exception cref="InvalidOperationException">This reassembler already refused a record.</exception>
    public ReassemblyOutcome Accept(in RecordHeader header, ReadOnlySpan<byte> body, out byte[]? message, out RecordError error)
    {
        message = null;
        if (IsFailed)
        {
            throw RecordExceptions.ReceiverFailed(Error);
        }

        var shape = body.Length > RecordCodec.MaxBodyPerRecord ? RecordError.RecordLong : RecordCodec.CheckShape(header, body.Length);
        if (shape != RecordError.None)
        {
            throw RecordExceptions.Refused(shape, nameof(header));
        }

        // ACKs never touch the reassembly state (§4.3), even in the middle of a chunked message.
        if (header.Kind == RecordKind.Ack)
        {
            error = RecordError.None;
            return ReassemblyOutcome.Ack;
        }

        error = Check(header, body.Length);
        if (error != RecordError.None)
        {
            Fail(error);
            return ReassemblyOutcome.Failed;
        }

        if (!_inProgress)
        {
            _inProgress = true;
            _inProgressSeq = header.Seq;
            _nextChunk = 0;
            _size = 0;
            // A resend is checked like any other message but its bytes are dropped, never stored.
            _inProgressIsDuplicate = header.Seq <= Delivered;
        }

        if (header.More)
        {
            if (!_inProgressIsDuplicate)
            {
                Append(body);
            }

            _size += body.Length;
            _nextChunk++;
            return _inProgressIsDuplicate ? Duplicate() : ReassemblyOutcome.Buffered;
        }

        var isDuplicate = _inProgressIsDuplicate;
        if (!isDuplicate)
        {
            message = Complete(body);
            Delivered = header.Seq;
        }

        ClearInProgress();
        return isDuplicate ? Duplicate() : ReassemblyOutcome.Delivered;
    }

    // Rules 1–5 of §4.3, in the spec's order; the first that applies wins.
    private RecordError Check(in RecordHeader header, int bodyLength)
    {
        if (_inProgress && header.Seq != _inProgressSeq)
        {
            return RecordError.SeqMismatch;
        }

        // seq ≥ 1 here (CheckShape refused seq 0), so seq − 1 cannot underflow, and unlike
        // delivered + 1 it cannot overflow either.
        if (!_inProgress && header.Seq - 1 > Delivered)
        {
            return RecordError.SeqGap;
        }

        var expectedChunk = _inProgress ? _nextChunk : 0;
        if (header.Chunk != expectedChunk)
        {
            return RecordError.ChunkOrder;
        }

        if (header.More && bodyLength != RecordCodec.MaxBodyPerRecord)
        {
            return RecordError.ChunkShort;
        }

        var sizeSoFar = _inProgress ? _size : 0;
        return (long)sizeSoFar + bodyLength > Chunker.MaxMessageBytes ? RecordError.MessageTooLarge : RecordError.None;
    }

    private ReassemblyOutcome Duplicate()
    {
        DuplicateCount++;
        return ReassemblyOutcome.Duplicate;
    }

    private void Append(ReadOnlySpan<byte> body)
    {
        var needed = _size + body.Length; // ≤ MaxMessageBytes: rule 5 was checked first
        if (_buffer is null || _buffer.Length < needed)
        {
            var capacity = Math.Max(needed, _buffer is null ? InitialBufferSize : _buffer.Length * 2);
            var grown = new byte[Math.Min(capacity, Chunker.MaxMessageBytes)];
            _buffer?.AsSpan(0, _size).CopyTo(grown);
            _buffer = grown;
        }

        body.CopyTo(_buffer.AsSpan(_size));
    }

    private byte[] Complete(ReadOnlySpan<byte> lastBody)
    {
        if (_buffer is null || _size == 0)
        {
            return lastBody.ToArray();
        }

        var whole = new byte[_size + lastBody.Length];
        _buffer.AsSpan(0, _size).CopyTo(whole);
        lastBody.CopyTo(whole.AsSpan(_size));
        return whole;
    }

    private void ClearInProgress()
    {
        _inProgress = false;
        _inProgressSeq = 0;
        _nextChunk = 0;
        _size = 0;
        _inProgressIsDuplicate = false;
        // Let a 4 MiB buffer go rather than pin it to an idle connection.
        _buffer = null;
    }

    private void Fail(RecordError error)
    {
        Error = error;
        ClearInProgress();
    }
}
