using System.Text.Json;
using Tether.Protocol.Pairing;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Pairing;

/// <summary>Every case of tests/vectors/pairing-link.json (docs/protocol.md §2).</summary>
public sealed class PairingLinkKnownAnswerTests
{
    private const string FileName = "pairing-link.json";

    public static TheoryData<string> ValidCases => KnownAnswers.Ids(FileName, "valid", KnownAnswers.Name);

    public static TheoryData<string> InvalidCases => KnownAnswers.Ids(FileName, "invalid", KnownAnswers.Name);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidLinkParsesToItsFields(string name)
    {
        var c = Valid(name);
        Assert.True(PairingLink.TryParse(c.Str("link"), Now(c), out var link, out var error), error.ToCode());
        using (link)
        {
            Assert.Equal(PairingLinkError.None, error);
            AssertFields(c.GetProperty("fields"), link);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidPayloadParsesToItsFields(string name)
    {
        var c = Valid(name);
        Assert.True(PairingLink.TryParsePayload(c.Str("payload"), Now(c), out var link, out var error), error.ToCode());
        using (link)
        {
            AssertFields(c.GetProperty("fields"), link);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidFieldsEncodeToTheSameLinkAndPayload(string name)
    {
        var c = Valid(name);
        var f = c.GetProperty("fields");
        using var link = PairingLink.Create(
            f.Str("relayUrl"), f.Hex("channelId"), f.Hex("hostStaticKey"), f.Hex("psk"), f.U64("expiry"), Now(c));

        Assert.Equal(c.Str("payload"), link.ToPayloadString());
        Assert.Equal(c.Str("link"), link.ToLinkString());
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void InvalidLinkIsRefusedWithItsCode(string name)
    {
        var c = KnownAnswers.Case(FileName, "invalid", KnownAnswers.Name, name);
        // A case gives the whole link when the link itself is under test, otherwise the bare payload.
        var ok = c.TryGetProperty("link", out var linkText)
            ? PairingLink.TryParse(linkText.GetString()!, Now(c), out var link, out var error)
            : PairingLink.TryParsePayload(c.Str("payload"), Now(c), out link, out error);

        Assert.False(ok);
        Assert.Null(link);
        Assert.Equal(c.Str("error"), error.ToCode());
    }

    internal static DateTimeOffset Now(JsonElement c) => DateTimeOffset.FromUnixTimeSeconds(c.GetProperty("now").GetInt64());

    private static JsonElement Valid(string name) => KnownAnswers.Case(FileName, "valid", KnownAnswers.Name, name);

    private static void AssertFields(JsonElement f, PairingLink link)
    {
        Assert.Equal(PairingLink.Version, f.GetProperty("version").GetInt32());
        Assert.Equal(f.Str("relayUrl"), link.RelayUrl);
        Assert.Equal(f.Hex("channelId"), link.ChannelId.ToArray());
        Assert.Equal(f.Hex("hostStaticKey"), link.HostStaticKey.ToArray());
        Assert.Equal(f.Hex("psk"), link.Psk.AsSpan().ToArray());
        Assert.Equal(f.U64("expiry"), link.ExpiryUnixSeconds);
    }
}
