using Tether.Protocol.Records;

namespace Tether.Client.Sessions;

/// <summary>
/// What one Noise session still has to send, in order: the messages the peer had not acknowledged
/// when the session began (the resend of §4.3, each from chunk 0), then each new message, chunk by
/// chunk (§4.2). Thrown away with its session. Not thread-safe.
/// </summary>
internal sealed class SessionOutbox
{
    private readonly Queue<OutboundMessage> _messages;
    private int _nextChunk;

    public SessionOutbox(IEnumerable<OutboundMessage> unacknowledged)
    {
        _messages = new Queue<OutboundMessage>(unacknowledged);
        foreach (var message in _messages)
        {
            PendingBytes += message.Message.Length;
        }
    }

    /// <summary>Message bytes not yet taken (the whole of a message until its last chunk is).</summary>
    public long PendingBytes { get; private set; }

    public void Add(OutboundMessage message)
    {
        _messages.Enqueue(message);
        PendingBytes += message.Message.Length;
    }

    /// <summary>Takes the next chunk to seal; false when there is none.</summary>
    /// <param name="ack">This side's acknowledgement, for the header.</param>
    /// <param name="header">The chunk's record header.</param>
    /// <param name="body">The chunk's bytes.</param>
    /// <param name="messageDone">Whether this was its message's last chunk.</param>
    public bool TryTake(ulong ack, out RecordHeader header, out ReadOnlyMemory<byte> body, out bool messageDone)
    {
        if (!_messages.TryPeek(out var next))
        {
            (header, body, messageDone) = (default, default, false);
            return false;
        }

        var chunk = Chunker.GetChunk(next.Message.Length, _nextChunk);
        header = chunk.ToHeader(next.Seq, ack);
        body = next.Message.Slice(chunk.Offset, chunk.Length);
        messageDone = !chunk.More;
        _nextChunk++;
        if (messageDone)
        {
            _messages.Dequeue();
            _nextChunk = 0;
            PendingBytes -= next.Message.Length;
        }

        return true;
    }
}
