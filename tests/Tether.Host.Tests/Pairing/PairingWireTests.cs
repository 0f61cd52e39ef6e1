using System.Text;
using Tether.Client.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Host.Tests.Pairing;

/// <summary>The byte and JSON formats of docs/protocol.md §8.1 and §8.3.</summary>
public sealed class PairingWireTests
{
    [Fact]
    public void A_pairing_hello_round_trips_and_is_exactly_67_plus_n_bytes()
    {
        using var access = DeviceAccessKey.Generate();

        var bytes = PairingHello.Encode(access.PublicKey, "Pixel ✓");
        var hello = PairingHello.TryDecode(bytes);

        Assert.Equal(67 + Encoding.UTF8.GetByteCount("Pixel ✓"), bytes.Length);
        Assert.NotNull(hello);
        Assert.Equal("Pixel ✓", hello.SuggestedName);
        Assert.True(hello.AccessPublicKey.SequenceEqual(access.PublicKey));
    }

    [Theory]
    [InlineData("version")]
    [InlineData("trailing")]
    [InlineData("truncated")]
    [InlineData("empty-name")]
    [InlineData("not-a-point")]
    [InlineData("control-character")]
    [InlineData("bad-utf8")]
    public void A_pairing_hello_that_breaks_a_rule_is_refused(string fault)
    {
        using var access = DeviceAccessKey.Generate();
        var bytes = PairingHello.Encode(access.PublicKey, "phone");
        bytes = fault switch
        {
            "version" => Set(bytes, 0, 0x02),
            "trailing" => [.. bytes, 0],
            "truncated" => bytes[..^1],
            "empty-name" => Set(bytes[..67], 66, 0),
            "not-a-point" => Set(bytes, 10, (byte)(bytes[10] ^ 1)),
            "control-character" => Set(bytes, 67, 0x1b),
            "bad-utf8" => Set(bytes, 67, 0xff),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        Assert.Null(PairingHello.TryDecode(bytes));
    }

    [Theory]
    [InlineData("""{"type":"pair.retry","attempts_left":2}""", true)]
    [InlineData("""{"type":"pair.retry","attempts_left":3}""", false)]
    [InlineData("""{"type":"pair.retry"}""", false)]
    [InlineData("""{"type":"pair.stored"}""", true)]
    [InlineData("""{"type":"pair.stored","extra":1}""", false)]
    [InlineData("""{"type":"pair.done","reason":"error"}""", false)]
    [InlineData("""{"type":"pair.rejected","reason":"wrong-code"}""", true)]
    [InlineData("""{"type":"pair.rejected","reason":"whatever"}""", false)]
    [InlineData("""{"type":"pair.rejected","reason":"expired","reason":"expired"}""", false)]
    [InlineData("""{"type":"pair.accepted","channel":"c","relay":"r","certificate":"x"}""", false)]
    [InlineData("""{"type":"pair.hello"}""", false)]
    [InlineData("""not json""", false)]
    public void Pairing_messages_are_read_strictly(string json, bool accepted)
    {
        Assert.Equal(accepted, PairingMessages.TryDecode(Encoding.UTF8.GetBytes(json)) is not null);
    }

    [Fact]
    public void A_pairing_message_over_4_KiB_is_refused_before_parsing()
    {
        var json = """{"type":"pair.done"}""" + new string(' ', 4096);

        Assert.Null(PairingMessages.TryDecode(Encoding.UTF8.GetBytes(json)));
    }

    private static byte[] Set(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }
}
