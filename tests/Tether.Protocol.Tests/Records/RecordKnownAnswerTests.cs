using System.Text.Json;
using Tether.Protocol.Records;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Records;

/// <summary>Every case of tests/vectors/records.json (docs/protocol.md §4.1).</summary>
public sealed class RecordKnownAnswerTests
{
    private const string FileName = "records.json";

    public static TheoryData<string> ValidCases => KnownAnswers.Ids(FileName, "valid", KnownAnswers.Name);

    public static TheoryData<string> InvalidCases => KnownAnswers.Ids(FileName, "invalid", KnownAnswers.Name);

    [Fact]
    public void TheFileAgreesOnTheBodyLimit() =>
        Assert.Equal(RecordCodec.MaxBodyPerRecord, KnownAnswers.File(FileName).GetProperty("maxBodyPerRecord").GetInt32());

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidBytesDecodeToTheFields(string name)
    {
        var c = Valid(name);
        var bytes = c.Hex("bytes");

        Assert.True(RecordCodec.TryDecode(bytes, out var header, out var body, out var error), error.ToCode());
        Assert.Equal(RecordError.None, error);
        Assert.Equal(HeaderOf(c), header);
        Assert.Equal(c.Hex("body"), body.ToArray());
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidFieldsEncodeToTheBytes(string name)
    {
        var c = Valid(name);
        var body = c.Hex("body");

        Assert.Equal(c.Hex("bytes"), RecordCodec.Encode(HeaderOf(c), body));

        var destination = new byte[RecordCodec.GetEncodedLength(body.Length) + 3];
        Assert.Equal(destination.Length - 3, RecordCodec.Encode(HeaderOf(c), body, destination));
        Assert.Equal(c.Hex("bytes"), destination[..^3]);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void InvalidBytesAreRefusedWithTheirCode(string name)
    {
        var c = KnownAnswers.Case(FileName, "invalid", KnownAnswers.Name, name);

        Assert.False(RecordCodec.TryDecode(c.Hex("bytes"), out var header, out var body, out var error));
        Assert.Equal(c.Str("error"), error.ToCode());
        Assert.Equal(default, header);
        Assert.True(body.IsEmpty);
    }

    private static JsonElement Valid(string name) => KnownAnswers.Case(FileName, "valid", KnownAnswers.Name, name);

    private static RecordHeader HeaderOf(JsonElement c)
    {
        var kind = c.Str("kind") switch
        {
            "message" => RecordKind.Message,
            "ack" => RecordKind.Ack,
            var other => throw new InvalidOperationException($"unknown kind {other}"),
        };
        var flags = (c.GetProperty("more").GetBoolean() ? RecordFlagBits.More : RecordFlagBits.None)
            | (c.GetProperty("rekey").GetBoolean() ? RecordFlagBits.Rekey : RecordFlagBits.None);
        return new RecordHeader(kind, flags, c.GetProperty("chunk").GetUInt16(), c.U64("seq"), c.U64("ack"));
    }
}
