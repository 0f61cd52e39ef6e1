using Tether.Relay.Connections;
using static Tether.Relay.Connections.WebSocketFrames;
using static Tether.Relay.Tests.Support.RawWebSocket;

namespace Tether.Relay.Tests.Connections;

/// <summary>The header parser and the unmasking on their own: verdicts for every kind of bad header, and exact unmasking at every offset.</summary>
public sealed class WebSocketFramesTests
{
    public static TheoryData<string, byte[], string> Headers => new()
    {
        { "a masked binary frame", Frame(0x80 | Binary, new byte[5]), nameof(HeaderVerdict.Complete) },
        { "one byte", [0x82], nameof(HeaderVerdict.Incomplete) },
        { "a 16-bit length cut short", [0x82, 0xFE, 0x01], nameof(HeaderVerdict.Incomplete) },
        { "a 64-bit length without its mask", Frame(0x80 | Binary, [], claimedLength: 70_000)[..10], nameof(HeaderVerdict.Incomplete) },
        { "unmasked", Frame(0x80 | Binary, new byte[5], masked: false), nameof(HeaderVerdict.Unmasked) },
        { "RSV2 set", Frame(0x80 | 0x20 | Binary, new byte[5]), nameof(HeaderVerdict.ReservedBits) },
        { "opcode 0x7", Frame(0x80 | 0x7, new byte[5]), nameof(HeaderVerdict.UnknownOpcode) },
        { "opcode 0xF", Frame(0x80 | 0xF, new byte[5]), nameof(HeaderVerdict.UnknownOpcode) },
        { "64-bit length with the top bit set", Frame(0x80 | Binary, [], claimedLength: long.MinValue), nameof(HeaderVerdict.BadLength) },
        { "a pong of 126 bytes", Frame(0x80 | Pong, new byte[126]), nameof(HeaderVerdict.BadControlFrame) },
        { "a close without FIN", Frame(Close, new byte[2]), nameof(HeaderVerdict.BadControlFrame) },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void TheHeaderParser_GivesTheRightVerdict(string what, byte[] bytes, string expected)
    {
        Assert.NotEmpty(what);
        Assert.Equal(expected, WebSocketFrames.TryReadClientHeader(bytes, out _).ToString());
    }

    [Theory]
    [InlineData(0L, 14)]
    [InlineData(125L, 6)]
    [InlineData(126L, 8)]
    [InlineData(65_535L, 8)]
    [InlineData(65_536L, 14)]
    [InlineData(1L << 40, 14)]
    public void TheHeaderParser_ReadsEveryLengthEncoding(long length, int headerLength)
    {
        var bytes = Frame(0x80 | Binary, [], claimedLength: length);
        Assert.Equal(HeaderVerdict.Complete, WebSocketFrames.TryReadClientHeader(bytes, out var header));
        Assert.Equal(length, header.PayloadLength);
        Assert.Equal(length == 0 ? 6 : headerLength, header.Length);
        Assert.True(header.Fin);
        Assert.Equal(WebSocketFrames.Binary, header.Opcode);
    }

    [Fact]
    public void Unmasking_FromAnyOffset_MatchesTheBytewiseDefinition()
    {
        var random = new Random(7);
        var original = new byte[100];
        random.NextBytes(original);
        var key = new byte[] { 0x12, 0x34, 0x56, 0x78 };
        var masked = original.Select((b, i) => (byte)(b ^ key[i % 4])).ToArray();
        var mask = BitConverter.ToUInt32(key);
        for (var cut = 0; cut <= 37; cut++)
        {
            var copy = masked.ToArray();
            WebSocketFrames.Unmask(copy.AsSpan(0, cut), mask, 0);
            WebSocketFrames.Unmask(copy.AsSpan(cut), mask, cut);
            Assert.Equal(original, copy);
        }
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65_535, 4)]
    [InlineData(65_540, 10)]
    public void ServerHeaders_UseTheShortestLengthEncoding(int length, int expected)
    {
        var header = new byte[10];
        Assert.Equal(expected, WebSocketFrames.WriteServerHeader(header, WebSocketFrames.Binary, length));
        Assert.Equal(expected, WebSocketFrames.ServerHeaderLength(length));
        Assert.Equal(0x82, header[0]);
    }
}
