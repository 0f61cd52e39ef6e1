using System.Buffers.Binary;
using System.Text;
using Tether.Protocol.Pairing;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Pairing;

/// <summary>What pairing-link.json does not pin: the encoder's refusals, redaction, disposal, generation.</summary>
public sealed class PairingLinkTests
{
    private const string Relay = "https://relay.example";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
    private static readonly byte[] ChannelId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] HostKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Psk = Enumerable.Range(200, 32).Select(i => (byte)i).ToArray();

    /// <summary>Invalid cases that fail a field check (not the framing), so their fields can be handed to the encoder.</summary>
    public static TheoryData<string> FieldRefusals => new(
        KnownAnswers.File("pairing-link.json").GetProperty("invalid").EnumerateArray()
            .Where(c => c.Str("error") is "relay-url" or "key" or "expired" && !c.TryGetProperty("link", out _))
            .Where(c => TryFields(c.Str("payload"), out _))
            .Select(KnownAnswers.Name));

    [Theory]
    [MemberData(nameof(FieldRefusals))]
    public void TheEncoderRefusesWhatTheParserRefuses(string name)
    {
        var c = KnownAnswers.Case("pairing-link.json", "invalid", KnownAnswers.Name, name);
        Assert.True(TryFields(c.Str("payload"), out var f));

        var e = Assert.ThrowsAny<ArgumentException>(() =>
            PairingLink.Create(f.Url, f.Channel, f.Host, f.Psk, f.Expiry, PairingLinkKnownAnswerTests.Now(c)));
        Assert.StartsWith(c.Str("error") + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringRedactsTheCredential()
    {
        using var link = PairingLink.Create(Relay, ChannelId, HostKey, Psk, 1_795_000_600, Now);
        var text = link.ToString();
        var payload = link.ToPayloadString();

        Assert.Contains(Relay, text, StringComparison.Ordinal);
        Assert.DoesNotContain(payload, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Psk), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
        Assert.Equal("PairingSecret (redacted)", link.Psk.ToString());
    }

    [Fact]
    public void DisposingTheLinkZeroesThePskAndStopsEncoding()
    {
        var link = PairingLink.Create(Relay, ChannelId, HostKey, Psk, 1_795_000_600, Now);
        link.Dispose();

        Assert.True(link.Psk.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => link.Psk.AsSpan().ToArray());
        Assert.Throws<ObjectDisposedException>(link.ToLinkString);
    }

    [Fact]
    public void CreateCopiesThePskSoTheCallerCanZeroItsOwn()
    {
        var psk = (byte[])Psk.Clone();
        using var link = PairingLink.Create(Relay, ChannelId, HostKey, psk, 1_795_000_600, Now);
        Array.Clear(psk);

        Assert.Equal(Psk, link.Psk.AsSpan().ToArray());
    }

    [Fact]
    public void GenerateMakesALinkThatParsesBackAndExpiresAfterTheLifetime()
    {
        using var made = PairingLink.Generate(Relay, ChannelId, HostKey, Now);
        Assert.Equal((ulong)Now.ToUnixTimeSeconds() + 600, made.ExpiryUnixSeconds);
        Assert.Equal(TimeSpan.FromMinutes(10), PairingLink.Lifetime);

        Assert.True(PairingLink.TryParse(made.ToLinkString(), Now, out var parsed, out _));
        using (parsed)
        {
            Assert.Equal(made.Psk.AsSpan().ToArray(), parsed.Psk.AsSpan().ToArray());
        }

        Assert.False(made.IsExpired(Now.AddSeconds(599)));
        Assert.True(made.IsExpired(Now.AddSeconds(600)));
        Assert.False(PairingLink.TryParse(made.ToLinkString(), Now.AddSeconds(600), out _, out var error));
        Assert.Equal(PairingLinkError.Expired, error);
    }

    [Fact]
    public void TwoGeneratedLinksHaveDifferentSecrets()
    {
        using var a = PairingLink.Generate(Relay, ChannelId, HostKey, Now);
        using var b = PairingLink.Generate(Relay, ChannelId, HostKey, Now);
        Assert.False(a.Psk.AsSpan().SequenceEqual(b.Psk.AsSpan()));
    }

    [Theory]
    [InlineData(15, 32, 32)]
    [InlineData(16, 31, 32)]
    [InlineData(16, 32, 33)]
    public void CreateThrowsForFieldsOfTheWrongSize(int channel, int host, int psk) =>
        Assert.ThrowsAny<ArgumentException>(() =>
            PairingLink.Create(Relay, new byte[channel], Fill(host), Fill(psk), 1_795_000_600, Now));

    [Fact]
    public void CreateRefusesANonAsciiOrOverlongUrlWithoutTouchingIt()
    {
        var nonAscii = Assert.ThrowsAny<ArgumentException>(() => PairingLink.Create("https://relä.example", ChannelId, HostKey, Psk, 1_795_000_600, Now));
        var overlong = Assert.ThrowsAny<ArgumentException>(() => PairingLink.Create(Relay + "/" + new string('a', 10_000), ChannelId, HostKey, Psk, 1_795_000_600, Now));
        Assert.StartsWith("relay-url:", nonAscii.Message, StringComparison.Ordinal);
        Assert.StartsWith("relay-url:", overlong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugePayloadIsClassifiedWithoutDecodingAllOfIt()
    {
        using var link = PairingLink.Create(Relay, ChannelId, HostKey, Psk, 1_795_000_600, Now);
        var huge = link.ToPayloadString() + new string('A', 4_000_000);

        Assert.False(PairingLink.TryParsePayload(huge, Now, out _, out var error));
        Assert.Equal(PairingLinkError.Trailing, error);
    }

    [Fact]
    public void ALinkIsSplitAtItsFirstHash()
    {
        using var link = PairingLink.Create(Relay, ChannelId, HostKey, Psk, 1_795_000_600, Now);
        Assert.False(PairingLink.TryParse(link.ToLinkString() + "#x", Now, out _, out var error));
        Assert.Equal(PairingLinkError.Encoding, error);
    }

    [Fact]
    public void EveryErrorHasTheSpecsCode()
    {
        string[] codes = ["none", "link", "encoding", "version", "truncated", "trailing", "relay-url", "key", "expired"];
        Assert.Equal(codes, Enum.GetValues<PairingLinkError>().Select(e => e.ToCode()));
    }

    private static byte[] Fill(int length) => Enumerable.Repeat((byte)7, length).ToArray();

    /// <summary>Decodes a payload's fields by hand (no parser involved), when its framing is intact.</summary>
    private static bool TryFields(string payload, out (string Url, byte[] Channel, byte[] Host, byte[] Psk, ulong Expiry) fields)
    {
        fields = default;
        var bytes = Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '='));
        if (bytes.Length < 91)
        {
            return false;
        }

        var n = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(89));
        if (bytes.Length != 91 + n)
        {
            return false;
        }

        fields = (Encoding.Latin1.GetString(bytes, 91, n), bytes[1..17], bytes[17..49], bytes[49..81], BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(81)));
        return true;
    }
}
