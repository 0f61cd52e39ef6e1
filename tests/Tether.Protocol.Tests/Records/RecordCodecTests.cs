using Tether.Protocol.Records;

namespace Tether.Protocol.Tests.Records;

/// <summary>The encoder side of §4.1, which records.json pins only for valid records.</summary>
public sealed class RecordCodecTests
{
    public static TheoryData<string, RecordHeader, int> RefusedRecords => new()
    {
        { "record-kind", new RecordHeader((RecordKind)0, RecordFlagBits.None, 0, 1, 0), 0 },
        { "record-kind", new RecordHeader((RecordKind)3, RecordFlagBits.None, 0, 1, 0), 0 },
        { "record-flags", new RecordHeader(RecordKind.Message, (RecordFlagBits)0x04, 0, 1, 0), 0 },
        { "record-flags", new RecordHeader(RecordKind.Ack, (RecordFlagBits)0x80, 0, 0, 0), 0 },
        { "ack-shape", new RecordHeader(RecordKind.Ack, RecordFlagBits.None, 0, 1, 0), 0 },
        { "ack-shape", new RecordHeader(RecordKind.Ack, RecordFlagBits.None, 1, 0, 0), 0 },
        { "ack-shape", new RecordHeader(RecordKind.Ack, RecordFlagBits.More, 0, 0, 0), 0 },
        { "ack-shape", RecordHeader.ForAck(5), 1 },
        { "seq-zero", new RecordHeader(RecordKind.Message, RecordFlagBits.None, 0, 0, 0), 0 },
        { "record-long", new RecordHeader(RecordKind.Message, RecordFlagBits.None, 0, 1, 0), RecordCodec.MaxBodyPerRecord + 1 },
    };

    [Theory]
    [MemberData(nameof(RefusedRecords))]
    public void TheEncoderRefusesWhatTheDecoderRefuses(string code, RecordHeader header, int bodyLength)
    {
        var body = new byte[bodyLength];
        var e = Assert.ThrowsAny<ArgumentException>(() => RecordCodec.Encode(header, body));
        Assert.StartsWith(code + ":", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => RecordCodec.Encode(header, body, new byte[RecordCodec.MaxRecordSize + 10]));
    }

    [Fact]
    public void EncodingIntoATooSmallBufferThrowsAndWritesNothing()
    {
        var destination = new byte[RecordCodec.HeaderSize + 1];
        Assert.ThrowsAny<ArgumentException>(() => RecordCodec.Encode(RecordHeader.ForAck(1), [], destination.AsSpan(0, 20)));
        Assert.ThrowsAny<ArgumentException>(() =>
            RecordCodec.Encode(new RecordHeader(RecordKind.Message, RecordFlagBits.None, 0, 1, 0), new byte[2], destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TheLargestRecordRoundTrips()
    {
        var header = new RecordHeader(RecordKind.Message, RecordFlagBits.More | RecordFlagBits.Rekey, 7, ulong.MaxValue, ulong.MaxValue);
        var body = ChunkingKnownAnswerTests.Pattern(RecordCodec.MaxBodyPerRecord);
        var bytes = RecordCodec.Encode(header, body);

        Assert.Equal(RecordCodec.MaxRecordSize, bytes.Length);
        Assert.True(RecordCodec.TryDecode(bytes, out var decoded, out var decodedBody, out _));
        Assert.Equal(header, decoded);
        Assert.True(decodedBody.SequenceEqual(body));
    }

    [Fact]
    public void TheRekeyFlagCanBeAddedToAnyValidHeader()
    {
        Assert.True(RecordHeader.ForAck(3).WithRekey().Rekey);
        Assert.Equal(RecordHeader.ForAck(3, rekey: true), RecordHeader.ForAck(3).WithRekey());
        Assert.True(Chunker.GetChunk(10, 0).ToHeader(1, 0, rekey: true).Rekey);
    }

    [Fact]
    public void EveryErrorHasTheSpecsCode()
    {
        string[] codes =
        [
            "none", "record-short", "record-long", "record-version", "record-kind", "record-flags", "ack-shape",
            "seq-zero", "seq-mismatch", "seq-gap", "chunk-order", "chunk-short", "message-too-large",
            "ack-decreased", "ack-ahead", "outbound-full",
        ];
        Assert.Equal(codes, Enum.GetValues<RecordError>().Select(e => e.ToCode()));
    }

    [Fact]
    public void AChunkHeaderNeedsASequenceNumber() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Chunker.GetChunk(1, 0).ToHeader(0, 0));
}
