namespace Tether.Protocol.Records;

/// <summary>
/// The sending side's memory for resume (docs/protocol.md §4.3): assigns sequence numbers from 1,
/// keeps every message until the peer's <c>ack</c> covers it, validates those acks, and after a
/// reconnect says what to resend (every unacknowledged message, oldest first, each from chunk 0).
/// </summary>
/// <remarks>
/// One instance per host session; it outlives connections. It holds at most <see cref="MaxBytes"/>
/// (<see cref="MaxUnacknowledgedBytes"/> by default, the spec's bound), each message counting its length plus
/// <see cref="PerMessageCharge"/>. When a new message would exceed that,
/// nothing is dropped (that would break the no-loss guarantee): <see cref="TryAppend"/> refuses it
/// with <c>outbound-full</c>, counts the refusal in <see cref="RefusedWhileFull"/>, and the caller
/// waits for acknowledgements. Not thread-safe; the connection's send loop owns it.
/// </remarks>
public sealed class OutboundLog
{
    /// <summary>
    /// Four largest messages with their charges, 16 MiB + 256 bytes (§4.3): minutes of streamed output
    /// during an outage. A peer further behind than that is stalled, and the producer waits rather
    /// than the host's memory growing.
    /// </summary>
    public const long MaxUnacknowledgedBytes = 4L * (Chunker.MaxMessageBytes + PerMessageCharge);

    /// <summary>
    /// What each kept message costs beyond its bytes (§4.3): without it, a flood of empty messages
    /// would pass a bound that counts bytes only.
    /// </summary>
    public const int PerMessageCharge = 64;

    private readonly Queue<OutboundMessage> _unacknowledged = new();

    /// <summary>A log with the spec's bound, <see cref="MaxUnacknowledgedBytes"/>.</summary>
    public OutboundLog()
        : this(MaxUnacknowledgedBytes)
    {
    }

    /// <summary>A log with a tighter bound.</summary>
    /// <param name="maxBytes">
    /// The most unacknowledged bytes kept (with <see cref="PerMessageCharge"/> per message): at least
    /// one largest message and its charge, so an empty log accepts any legal message, and at most
    /// <see cref="MaxUnacknowledgedBytes"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The bound is outside that range.</exception>
    public OutboundLog(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, Chunker.MaxMessageBytes + PerMessageCharge);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, MaxUnacknowledgedBytes);
        MaxBytes = maxBytes;
    }

    /// <summary>The most unacknowledged message bytes this log keeps.</summary>
    public long MaxBytes { get; }

    /// <summary>The highest seq assigned so far (0 before the first message).</summary>
    public ulong HighestSent { get; private set; }

    /// <summary>The highest ack accepted from the peer (0 = none).</summary>
    public ulong PeerAck { get; private set; }

    /// <summary>How many messages are kept, waiting for the peer's ack.</summary>
    public int UnacknowledgedCount => _unacknowledged.Count;

    /// <summary>The bytes charged for the kept messages: their lengths plus <see cref="PerMessageCharge"/> each.</summary>
    public long UnacknowledgedBytes { get; private set; }

    /// <summary>How many messages <see cref="TryAppend"/> refused with <c>outbound-full</c>.</summary>
    public long RefusedWhileFull { get; private set; }

    /// <summary>
    /// Copies a message into the log and gives it the next sequence number. The caller then sends
    /// it (see <see cref="Chunker"/>); a message in the log counts as sent for ack validation.
    /// </summary>
    /// <param name="message">The message bytes (a UTF-8 JSON object).</param>
    /// <param name="seq">The message's sequence number, when accepted; otherwise 0.</param>
    /// <param name="error"><see cref="RecordError.OutboundFull"/> when refused; otherwise <see cref="RecordError.None"/>.</param>
    /// <returns>False when the log is full: nothing was added; retry once the peer acknowledges more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The message is over <see cref="Chunker.MaxMessageBytes"/> (<c>message-too-large</c>); the host truncates before sending.
    /// </exception>
    /// <exception cref="InvalidOperationException">All 2^64−1 sequence numbers were used.</exception>
    public bool TryAppend(ReadOnlySpan<byte> message, out ulong seq, out RecordError error)
    {
        seq = 0;
        if (!Chunker.IsWithinLimit(message.Length))
        {
            throw RecordExceptions.MessageTooLarge(nameof(message), message.Length);
        }

        if (HighestSent == ulong.MaxValue)
        {
            throw RecordExceptions.SequenceExhausted();
        }

        if (UnacknowledgedBytes + message.Length + PerMessageCharge > MaxBytes)
        {
            RefusedWhileFull++;
            error = RecordError.OutboundFull;
            return false;
        }

        seq = ++HighestSent;
        _unacknowledged.Enqueue(new OutboundMessage(seq, message.ToArray()));
        UnacknowledgedBytes += message.Length + PerMessageCharge;
        error = RecordError.None;
        return true;
    }

    /// <summary>
    /// Takes the <c>ack</c> field of a record from the peer (every record carries one) and forgets
    /// the messages it covers.
    /// </summary>
    /// <param name="ack">The peer's cumulative acknowledgement.</param>
    /// <param name="error">
    /// <see cref="RecordError.AckDecreased"/> or <see cref="RecordError.AckAhead"/> when refused;
    /// otherwise <see cref="RecordError.None"/>.
    /// </param>
    /// <returns>
    /// False when the ack decreased or exceeds <see cref="HighestSent"/>: drop the connection. The
    /// log is left unchanged, so its messages are resent on the next connection.
    /// </returns>
    public bool TryAcknowledge(ulong ack, out RecordError error)
    {
        if (ack < PeerAck)
        {
            error = RecordError.AckDecreased;
            return false;
        }

        if (ack > HighestSent)
        {
            error = RecordError.AckAhead;
            return false;
        }

        PeerAck = ack;
        while (_unacknowledged.TryPeek(out var oldest) && oldest.Seq <= ack)
        {
            _unacknowledged.Dequeue();
            UnacknowledgedBytes -= oldest.Message.Length + PerMessageCharge;
        }

        error = RecordError.None;
        return true;
    }

    /// <summary>
    /// What to send again after a reconnect, in a new Noise session: every message after the peer's
    /// last ack, oldest first. Send each from chunk 0; the peer drops what it already delivered.
    /// </summary>
    public OutboundMessage[] GetUnacknowledged() => _unacknowledged.ToArray();
}
