using Tether.Protocol.Records;

namespace Tether.Protocol.Tests.Records;

/// <summary>Reassembler behaviour that chunking.json does not reach.</summary>
public sealed class ReassemblerTests
{
    [Fact]
    public void TheReassemblerIsUnusableAfterAnError()
    {
        var receiver = new Reassembler();
        Assert.Equal(ReassemblyOutcome.Failed, receiver.Accept(Message(2, 0, more: false), [1], out _, out var error));
        Assert.Equal(RecordError.SeqGap, error);
        Assert.True(receiver.IsFailed);
        Assert.Equal(RecordError.SeqGap, receiver.Error);

        // Even a record that would have been fine, and even an ACK, is refused from now on.
        Assert.Throws<InvalidOperationException>(() => receiver.Accept(Message(1, 0, more: false), [1], out _, out _));
        Assert.Throws<InvalidOperationException>(() => receiver.Accept(RecordHeader.ForAck(0), [], out _, out _));
        Assert.Equal(0UL, receiver.Delivered);
    }

    [Fact]
    public void AHalfReceivedMessageIsForgottenOnReconnectAndDeliveredOnceFromTheResend()
    {
        var first = new Reassembler();
        var chunk0 = ChunkingKnownAnswerTests.ChunkBody(0, RecordCodec.MaxBodyPerRecord);
        Assert.Equal(ReassemblyOutcome.Delivered, first.Accept(Message(1, 0, more: false), [9], out _, out _));
        Assert.Equal(ReassemblyOutcome.Buffered, first.Accept(Message(2, 0, more: true), chunk0, out _, out _));

        // The connection drops mid-message; the sender resends seq 1 and 2 from chunk 0.
        var second = new Reassembler(first.Delivered);
        Assert.Equal(ReassemblyOutcome.Duplicate, second.Accept(Message(1, 0, more: false), [9], out _, out _));
        Assert.Equal(ReassemblyOutcome.Buffered, second.Accept(Message(2, 0, more: true), chunk0, out _, out _));
        Assert.Equal(ReassemblyOutcome.Delivered, second.Accept(Message(2, 1, more: false), [1, 2], out var message, out _));

        Assert.Equal(RecordCodec.MaxBodyPerRecord + 2, message!.Length);
        Assert.Equal(2UL, second.Delivered);
        Assert.Equal(1, second.DuplicateCount);
    }

    [Fact]
    public void DuplicatesAreCountedChunkByChunk()
    {
        var receiver = new Reassembler(delivered: 5);
        Assert.Equal(ReassemblyOutcome.Duplicate, receiver.Accept(Message(4, 0, more: true), new byte[RecordCodec.MaxBodyPerRecord], out var m1, out _));
        Assert.Equal(ReassemblyOutcome.Duplicate, receiver.Accept(Message(4, 1, more: false), [1], out var m2, out _));
        Assert.Null(m1);
        Assert.Null(m2);
        Assert.Equal(2, receiver.DuplicateCount);
        Assert.Equal(5UL, receiver.Delivered);
    }

    [Fact]
    public void AnAckInsideAChunkedMessageLeavesItInProgress()
    {
        var receiver = new Reassembler();
        Assert.Equal(ReassemblyOutcome.Buffered, receiver.Accept(Message(1, 0, more: true), new byte[RecordCodec.MaxBodyPerRecord], out _, out _));
        Assert.Equal(ReassemblyOutcome.Ack, receiver.Accept(RecordHeader.ForAck(7, rekey: true), [], out var none, out _));
        Assert.Null(none);
        Assert.Equal(ReassemblyOutcome.Delivered, receiver.Accept(Message(1, 1, more: false), [], out _, out _));
    }

    [Fact]
    public void TheLastSequenceNumberDoesNotOverflowTheGapCheck()
    {
        var receiver = new Reassembler(ulong.MaxValue - 1);
        Assert.Equal(ReassemblyOutcome.Delivered, receiver.Accept(Message(ulong.MaxValue, 0, more: false), [1], out _, out _));
        Assert.Equal(ReassemblyOutcome.Duplicate, receiver.Accept(Message(ulong.MaxValue, 0, more: false), [1], out _, out _));
        Assert.Equal(ulong.MaxValue, receiver.Delivered);
    }

    [Fact]
    public void ARecordTheDecoderWouldRefuseIsACallerBug()
    {
        var receiver = new Reassembler();
        Assert.ThrowsAny<ArgumentException>(() => receiver.Accept(new RecordHeader(RecordKind.Message, RecordFlagBits.None, 0, 0, 0), [], out _, out _));
        Assert.ThrowsAny<ArgumentException>(() => receiver.Accept(Message(1, 0, more: false), new byte[RecordCodec.MaxBodyPerRecord + 1], out _, out _));
        Assert.False(receiver.IsFailed);
    }

    private static RecordHeader Message(ulong seq, ushort chunk, bool more) =>
        new(RecordKind.Message, more ? RecordFlagBits.More : RecordFlagBits.None, chunk, seq, 0);
}
