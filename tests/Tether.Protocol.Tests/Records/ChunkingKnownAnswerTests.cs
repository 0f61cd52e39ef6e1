using System.Text.Json;
using Tether.Protocol.Records;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Records;

/// <summary>Every case of tests/vectors/chunking.json (docs/protocol.md §4.2, §4.3).</summary>
public sealed class ChunkingKnownAnswerTests
{
    private const string FileName = "chunking.json";

    public static TheoryData<string> SplitCases => KnownAnswers.Ids(FileName, "split", SplitId);

    public static TheoryData<int> TooLargeCases => new(
        KnownAnswers.File(FileName).GetProperty("tooLarge").EnumerateArray().Select(e => e.GetInt32()));

    public static TheoryData<string> ReassemblyCases => KnownAnswers.Ids(FileName, "reassembly", KnownAnswers.Name);

    [Fact]
    public void TheFileAgreesOnTheLimits()
    {
        var file = KnownAnswers.File(FileName);
        Assert.Equal(RecordCodec.MaxBodyPerRecord, file.GetProperty("maxBodyPerRecord").GetInt32());
        Assert.Equal(Chunker.MaxMessageBytes, file.GetProperty("maxMessageBytes").GetInt32());
    }

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void AMessageSplitsIntoTheKnownRecords(string id)
    {
        var c = KnownAnswers.Case(FileName, "split", SplitId, id);
        var length = c.GetProperty("length").GetInt32();
        var seq = c.U64("seq");
        var ack = c.U64("ack");
        var expected = c.GetProperty("records").EnumerateArray().ToList();
        var message = Pattern(length);

        var chunks = Chunker.Split(length);
        Assert.Equal(expected.Count, Chunker.GetChunkCount(length));
        Assert.Equal(expected.Count, chunks.Length);

        // Whatever the sender splits, a fresh receiver at the right seq puts back together.
        var receiver = new Reassembler(seq - 1);
        for (var i = 0; i < chunks.Length; i++)
        {
            var want = expected[i];
            var header = chunks[i].ToHeader(seq, ack);
            Assert.Equal(want.GetProperty("chunk").GetUInt16(), header.Chunk);
            Assert.Equal(want.GetProperty("more").GetBoolean(), header.More);
            Assert.Equal(want.GetProperty("bodyLength").GetInt32(), chunks[i].Length);
            Assert.Equal(chunks[i], Chunker.GetChunk(length, i));
            Assert.Equal((RecordKind.Message, seq, ack), (header.Kind, header.Seq, header.Ack));

            var record = RecordCodec.Encode(header, chunks[i].Slice(message));
            Assert.True(RecordCodec.TryDecode(record, out var decoded, out var body, out _));
            var outcome = receiver.Accept(decoded, body, out var delivered, out _);
            Assert.Equal(header.More ? ReassemblyOutcome.Buffered : ReassemblyOutcome.Delivered, outcome);
            if (!header.More)
            {
                Assert.Equal(message, delivered);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TooLargeCases))]
    public void ASenderRefusesAMessageOverTheLimit(int length)
    {
        Assert.False(Chunker.IsWithinLimit(length));
        var split = Assert.Throws<ArgumentOutOfRangeException>(() => Chunker.Split(length));
        Assert.StartsWith("message-too-large:", split.Message, StringComparison.Ordinal);

        var log = new OutboundLog();
        var append = Assert.Throws<ArgumentOutOfRangeException>(() => log.TryAppend(new byte[length], out _, out _));
        Assert.StartsWith("message-too-large:", append.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, log.HighestSent);
    }

    [Theory]
    [MemberData(nameof(ReassemblyCases))]
    public void RecordsFedToAFreshReceiverHaveTheKnownOutcomes(string name)
    {
        var c = KnownAnswers.Case(FileName, "reassembly", KnownAnswers.Name, name);
        var records = c.GetProperty("records").EnumerateArray().ToList();
        var outcomes = c.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!).ToList();
        Assert.Equal(records.Count, outcomes.Count);

        var receiver = new Reassembler();
        var messageLength = 0; // bytes of the current message so far, to check a delivered length
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var header = HeaderOf(r);
            var body = ChunkBody(header.Chunk, r.GetProperty("bodyLength").GetInt32());

            // Through the codec, as on the wire: every record in the file is a valid record.
            var wire = RecordCodec.Encode(header, body);
            Assert.True(RecordCodec.TryDecode(wire, out var decoded, out var decodedBody, out _));
            var outcome = receiver.Accept(decoded, decodedBody, out var message, out var error);

            var want = outcomes[i];
            Assert.Equal(want, Describe(outcome, error));
            messageLength = header.Kind == RecordKind.Ack ? messageLength : messageLength + body.Length;
            if (outcome == ReassemblyOutcome.Delivered)
            {
                Assert.NotNull(message);
                Assert.Equal(header.Seq, receiver.Delivered);
                Assert.Equal(messageLength, message.Length);
                Assert.Equal(Pattern(message.Length), message);
            }
            else
            {
                Assert.Null(message);
            }

            if (outcome is ReassemblyOutcome.Delivered or ReassemblyOutcome.Duplicate && !header.More)
            {
                messageLength = 0;
            }

            if (outcome == ReassemblyOutcome.Failed)
            {
                // The file feeds nothing after an error: the receiver is unusable.
                Assert.Equal(records.Count - 1, i);
                Assert.True(receiver.IsFailed);
            }
        }
    }

    /// <summary>Body byte j of chunk c of any message = (c·65,498 + j) mod 251.</summary>
    internal static byte[] ChunkBody(int chunk, int length)
    {
        var body = new byte[length];
        for (var j = 0; j < length; j++)
        {
            body[j] = (byte)(((long)chunk * RecordCodec.MaxBodyPerRecord + j) % 251);
        }

        return body;
    }

    /// <summary>A whole message of the file's pattern: byte i = i mod 251.</summary>
    internal static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }

    private static string Describe(ReassemblyOutcome outcome, RecordError error) => outcome switch
    {
        ReassemblyOutcome.Buffered => "buffered",
        ReassemblyOutcome.Delivered => "delivered",
        ReassemblyOutcome.Duplicate => "duplicate",
        ReassemblyOutcome.Ack => "ack",
        _ => error.ToCode(),
    };

    private static RecordHeader HeaderOf(JsonElement r)
    {
        var ack = r.TryGetProperty("ack", out _) ? r.U64("ack") : 0;
        if (r.Str("kind") == "ack")
        {
            return RecordHeader.ForAck(ack);
        }

        var flags = r.GetProperty("more").GetBoolean() ? RecordFlagBits.More : RecordFlagBits.None;
        return new RecordHeader(RecordKind.Message, flags, r.GetProperty("chunk").GetUInt16(), r.U64("seq"), ack);
    }

    private static string SplitId(JsonElement c) => $"length {c.GetProperty("length").GetInt32()}";
}
