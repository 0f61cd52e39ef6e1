using Tether.Protocol.Records;

namespace Tether.Protocol.Tests.Records;

/// <summary>The sender's resume memory (docs/protocol.md §4.3), which no known-answer file covers.</summary>
public sealed class OutboundLogTests
{
    [Fact]
    public void SequenceNumbersStartAtOneAndIncrease()
    {
        var log = new OutboundLog();
        Assert.True(log.TryAppend([1], out var a, out var error));
        Assert.True(log.TryAppend([], out var b, out _));
        Assert.True(log.TryAppend([3, 3], out var c, out _));

        Assert.Equal(RecordError.None, error);
        Assert.Equal([1UL, 2UL, 3UL], [a, b, c]);
        Assert.Equal(3UL, log.HighestSent);
        Assert.Equal(3, log.UnacknowledgedCount);
        Assert.Equal(3 + (3 * OutboundLog.PerMessageCharge), log.UnacknowledgedBytes);
    }

    [Fact]
    public void AnAckForgetsTheMessagesItCovers()
    {
        var log = Filled(4);
        Assert.True(log.TryAcknowledge(2, out var error));
        Assert.Equal(RecordError.None, error);

        Assert.Equal([3UL, 4UL], log.GetUnacknowledged().Select(m => m.Seq));
        Assert.Equal(2UL, log.PeerAck);
        Assert.Equal(2 + (2 * OutboundLog.PerMessageCharge), log.UnacknowledgedBytes);
    }

    [Fact]
    public void TheSameAckAgainIsAccepted()
    {
        var log = Filled(2);
        Assert.True(log.TryAcknowledge(0, out _));
        Assert.True(log.TryAcknowledge(1, out _));
        Assert.True(log.TryAcknowledge(1, out _));
        Assert.Equal(1UL, log.PeerAck);
    }

    [Fact]
    public void AnAckThatDecreasesIsRefusedAndChangesNothing()
    {
        var log = Filled(3);
        Assert.True(log.TryAcknowledge(2, out _));

        Assert.False(log.TryAcknowledge(1, out var error));
        Assert.Equal("ack-decreased", error.ToCode());
        Assert.Equal(2UL, log.PeerAck);
        Assert.Equal([3UL], log.GetUnacknowledged().Select(m => m.Seq));
    }

    [Fact]
    public void AnAckAboveTheHighestSeqSentIsRefusedAndChangesNothing()
    {
        var log = Filled(3);
        Assert.False(log.TryAcknowledge(4, out var error));
        Assert.Equal("ack-ahead", error.ToCode());
        Assert.Equal(0UL, log.PeerAck);
        Assert.Equal(3, log.UnacknowledgedCount);

        Assert.False(new OutboundLog().TryAcknowledge(1, out error));
        Assert.Equal(RecordError.AckAhead, error);
    }

    [Fact]
    public void AfterAReconnectExactlyTheMessagesAfterThePeersLastAckAreResentInOrder()
    {
        var log = new OutboundLog();
        byte[][] messages = [[1], [2, 2], [], [4, 4, 4]];
        foreach (var m in messages)
        {
            Assert.True(log.TryAppend(m, out _, out _));
        }

        Assert.True(log.TryAcknowledge(1, out _));
        var resend = log.GetUnacknowledged();

        Assert.Equal([2UL, 3UL, 4UL], resend.Select(m => m.Seq));
        Assert.Equal(messages[1..], resend.Select(m => m.Message.ToArray()));
    }

    [Fact]
    public void NothingIsLostOrDeliveredTwiceAcrossAReconnect()
    {
        var log = new OutboundLog();
        var big = ChunkingKnownAnswerTests.Pattern(RecordCodec.MaxBodyPerRecord * 2 + 5);
        byte[][] sent = [[1], big, [3]];
        foreach (var m in sent)
        {
            Assert.True(log.TryAppend(m, out _, out _));
        }

        // First connection: seq 1 arrives, seq 2 is cut after its first chunk; only ack 1 gets back.
        var receiver = new Reassembler();
        var delivered = new List<byte[]>();
        Send(receiver, 1, sent[0], delivered, maxRecords: int.MaxValue);
        Send(receiver, 2, big, delivered, maxRecords: 1);
        Assert.True(log.TryAcknowledge(receiver.Delivered, out _));

        // Second connection: the receiver keeps delivered and drops the half message; the sender
        // resends everything unacknowledged, each from chunk 0.
        var resumed = new Reassembler(receiver.Delivered);
        foreach (var m in log.GetUnacknowledged())
        {
            Send(resumed, m.Seq, m.Message.ToArray(), delivered, maxRecords: int.MaxValue);
        }

        Assert.True(log.TryAcknowledge(resumed.Delivered, out _));
        Assert.Equal(sent, delivered);
        Assert.Equal(0, log.UnacknowledgedCount);
    }

    [Fact]
    public void TheLogHoldsFourLargestMessagesAndRefusesTheAppendThatWouldExceedIt()
    {
        var log = new OutboundLog();
        Assert.Equal((16L * 1024 * 1024) + (4 * 64), log.MaxBytes);
        var largest = new byte[Chunker.MaxMessageBytes];
        for (var i = 0; i < 4; i++)
        {
            Assert.True(log.TryAppend(largest, out _, out _));
        }

        Assert.False(log.TryAppend([1], out var seq, out var error));
        Assert.Equal("outbound-full", error.ToCode());
        Assert.Equal(0UL, seq);
        Assert.Equal(4UL, log.HighestSent);
        Assert.Equal(4, log.UnacknowledgedCount);
        Assert.Equal(1, log.RefusedWhileFull);

        // Nothing was dropped to make room; an ack does.
        Assert.True(log.TryAcknowledge(1, out _));
        Assert.True(log.TryAppend([1], out seq, out _));
        Assert.Equal(5UL, seq);
    }

    [Fact]
    public void ATighterBoundIsRespected()
    {
        var log = new OutboundLog(maxBytes: Chunker.MaxMessageBytes + (2 * OutboundLog.PerMessageCharge));
        Assert.True(log.TryAppend(new byte[Chunker.MaxMessageBytes - 1], out _, out _));
        Assert.True(log.TryAppend([1], out _, out _));
        Assert.False(log.TryAppend([], out _, out _));
        Assert.Equal(Chunker.MaxMessageBytes + (2 * OutboundLog.PerMessageCharge), log.UnacknowledgedBytes);

        Assert.True(log.TryAcknowledge(2, out _));
        Assert.Equal(0, log.UnacknowledgedBytes);
        Assert.True(log.TryAppend(new byte[Chunker.MaxMessageBytes], out _, out _));
    }

    [Theory]
    [InlineData(Chunker.MaxMessageBytes + OutboundLog.PerMessageCharge - 1)]
    [InlineData(OutboundLog.MaxUnacknowledgedBytes + 1)]
    public void ABoundOutsideItsRangeIsACallerBug(long maxBytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutboundLog(maxBytes));

    [Fact]
    public void ManyEmptyMessagesAreBoundedByTheirCharge()
    {
        var log = new OutboundLog(maxBytes: Chunker.MaxMessageBytes + OutboundLog.PerMessageCharge);
        var accepted = 0;
        while (log.TryAppend([], out _, out _))
        {
            accepted++;
        }

        Assert.Equal((Chunker.MaxMessageBytes / OutboundLog.PerMessageCharge) + 1, accepted);
    }

    [Fact]
    public void TheLogKeepsItsOwnCopyOfEachMessage()
    {
        var log = new OutboundLog();
        var message = new byte[] { 1, 2, 3 };
        Assert.True(log.TryAppend(message, out _, out _));
        message[0] = 9;
        Assert.Equal([1, 2, 3], log.GetUnacknowledged()[0].Message.ToArray());
    }

    private static OutboundLog Filled(int count)
    {
        var log = new OutboundLog();
        for (var i = 0; i < count; i++)
        {
            Assert.True(log.TryAppend([(byte)i], out _, out _));
        }

        return log;
    }

    /// <summary>Sends up to <paramref name="maxRecords"/> records of a message through the codec into a receiver.</summary>
    private static void Send(Reassembler receiver, ulong seq, byte[] message, List<byte[]> delivered, int maxRecords)
    {
        foreach (var chunk in Chunker.Split(message.Length).Take(maxRecords))
        {
            var wire = RecordCodec.Encode(chunk.ToHeader(seq, ack: 0), chunk.Slice(message));
            Assert.True(RecordCodec.TryDecode(wire, out var header, out var body, out _));
            var outcome = receiver.Accept(header, body, out var whole, out var error);
            Assert.NotEqual(ReassemblyOutcome.Failed, outcome);
            Assert.Equal(RecordError.None, error);
            if (whole is not null)
            {
                delivered.Add(whole);
            }
        }
    }
}
