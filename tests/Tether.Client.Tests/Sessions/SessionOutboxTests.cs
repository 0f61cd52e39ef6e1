using Tether.Client.Sessions;
using Tether.Protocol.Records;

namespace Tether.Client.Tests.Sessions;

/// <summary>What a session sends, in which order and in which chunks (§4.2, §4.3).</summary>
public sealed class SessionOutboxTests
{
    private const int Full = RecordCodec.MaxBodyPerRecord;

    [Fact]
    public void TryTake_ResendsThenNewMessages_InOrderWithTheCurrentAck()
    {
        var outbox = new SessionOutbox([new OutboundMessage(1, new byte[3]), new OutboundMessage(2, new byte[4])]);
        outbox.Add(new OutboundMessage(3, new byte[5]));

        var taken = new List<(ulong Seq, ulong Ack, int Length)>();
        for (ulong ack = 7; outbox.TryTake(ack, out var header, out var body, out var done); ack++)
        {
            Assert.True(done);
            taken.Add((header.Seq, header.Ack, body.Length));
        }

        Assert.Equal([(1UL, 7UL, 3), (2UL, 8UL, 4), (3UL, 9UL, 5)], taken);
        Assert.Equal(0, outbox.PendingBytes);
    }

    [Fact]
    public void TryTake_LargeMessage_IsChunkedWithMoreOnAllButTheLast()
    {
        var message = new byte[(2 * Full) + 10];
        message[Full] = 0xAB;
        var outbox = new SessionOutbox([]);
        outbox.Add(new OutboundMessage(4, message));

        var chunks = new List<(ushort Index, bool More, int Length, bool Done, long Pending)>();
        while (outbox.TryTake(0, out var header, out var body, out var done))
        {
            chunks.Add((header.Chunk, header.More, body.Length, done, outbox.PendingBytes));
            if (header.Chunk == 1)
            {
                Assert.Equal(0xAB, body.Span[0]);
            }
        }

        Assert.Equal([(0, true, Full, false, message.Length), (1, true, Full, false, message.Length), (2, false, 10, true, 0L)], chunks);
    }

    [Fact]
    public void TryTake_EmptyMessage_IsOneRecord()
    {
        var outbox = new SessionOutbox([new OutboundMessage(1, ReadOnlyMemory<byte>.Empty)]);

        Assert.True(outbox.TryTake(0, out var header, out var body, out var done));
        Assert.False(outbox.TryTake(0, out _, out _, out _));
        Assert.Equal((0, false, 0, true), (header.Chunk, header.More, body.Length, done));
    }
}
