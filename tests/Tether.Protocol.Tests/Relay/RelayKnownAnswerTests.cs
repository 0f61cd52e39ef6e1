using System.Text.Json;
using Tether.Protocol.Relay;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Relay;

/// <summary>tests/vectors/relay.json (docs/protocol.md §7), computed outside this code base.</summary>
public sealed class RelayKnownAnswerTests
{
    private const string FileName = "relay.json";

    public static TheoryData<string> ChannelIdCases => KnownAnswers.Ids(FileName, "channelIds", c => c.Str("channelId"));

    public static TheoryData<string> PairingCases => KnownAnswers.Ids(FileName, "pairingAccess", c => c.Str("psk")[..16]);

    public static TheoryData<string> TokenCases => KnownAnswers.Ids(FileName, "tokens", c => c.Str("token")[..16]);

    public static TheoryData<string> InvalidCertificates => new(Certificates().GetProperty("invalid").EnumerateArray().Select(KnownAnswers.Name));

    public static TheoryData<string> HelloProofCases => KnownAnswers.Ids(FileName, "helloProofs", KnownAnswers.Name);

    [Theory]
    [MemberData(nameof(ChannelIdCases))]
    public void ChannelId_DerivesFromThePublicKey(string id)
    {
        var c = KnownAnswers.Case(FileName, "channelIds", x => x.Str("channelId"), id);
        Assert.Equal(id, ChannelKey.DeriveChannelId(c.Hex("publicKey")).ToString());
    }

    [Theory]
    [MemberData(nameof(PairingCases))]
    public void PairingAccessCode_AndVerifier_AreTheKnownOnes(string id)
    {
        var c = KnownAnswers.Case(FileName, "pairingAccess", x => x.Str("psk")[..16], id);
        var access = PairingAccessCode.Derive(c.Hex("psk"));
        Assert.Equal(c.Hex("access"), access);
        Assert.Equal(c.Hex("verifier"), PairingAccessCode.Verifier(access));
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public void ConnectToken_IsTheKnownBytes_AndVerifies(string id)
    {
        var c = KnownAnswers.Case(FileName, "tokens", x => x.Str("token")[..16], id);
        using var key = new RelayTokenKey((byte)c.GetProperty("keyId").GetInt32(), c.Hex("secret"));
        var expires = c.GetProperty("expires").GetUInt64();
        var clock = ManualClock.AtUnix((long)expires - (15 * 60));
        var issuer = new ConnectTokenIssuer([key], new ConnectTokenOptions(), clock);
        var role = (RelayRole)c.GetProperty("role").GetInt32();
        var channel = RelayId.Read(c.Hex("channel"));

        var (token, actualExpires) = issuer.Issue(role, channel, RelayId.Read(c.Hex("subject")), c.GetProperty("horizon").GetUInt64());

        Assert.Equal(c.Hex("token"), token);
        Assert.Equal(expires, actualExpires);
        Assert.True(issuer.TryVerify(c.Hex("token"), channel, role, out var verified));
        Assert.Equal(RelayId.Read(c.Hex("subject")), verified.Subject);
    }

    [Fact]
    public void DeviceCertificate_FromAnotherImplementation_Verifies()
    {
        var c = Certificates().GetProperty("valid")[0];
        Assert.True(DeviceCertificate.TryParse(c.Hex("bytes"), out var certificate));
        Assert.Equal(c.Str("channelId"), certificate!.ChannelId.ToString());
        Assert.Equal(c.Str("subject"), certificate.Subject.ToString());
        Assert.Equal(c.GetProperty("notAfter").GetUInt64(), certificate.NotAfter);
    }

    [Theory]
    [MemberData(nameof(InvalidCertificates))]
    public void DeviceCertificate_Tampered_IsRefused(string name)
    {
        var c = Certificates().GetProperty("invalid").EnumerateArray().Single(x => KnownAnswers.Name(x) == name);
        Assert.False(DeviceCertificate.TryParse(c.Hex("bytes"), out var certificate));
        Assert.Null(certificate);
    }

    [Theory]
    [MemberData(nameof(HelloProofCases))]
    public void HelloProof_FromAnotherImplementation_VerifiesOnlyForItsNonceAndRole(string name)
    {
        var c = KnownAnswers.Case(FileName, "helloProofs", KnownAnswers.Name, name);
        var message = HelloSignature.Message(c.Hex("nonce"), RelayId.Read(c.Hex("channel")), (RelayRole)c.GetProperty("role").GetInt32());
        Assert.Equal(c.GetProperty("valid").GetBoolean(), EcdsaP256.Verify(c.Hex("publicKey"), message, c.Hex("signature")));
    }

    [Fact]
    public void KeysFromAnotherImplementation_ImportAndKeepTheirPublicHalf()
    {
        var keys = KnownAnswers.File(FileName).GetProperty("keys");
        using var channel = ChannelKey.ImportPkcs8(keys.GetProperty("host").Hex("pkcs8"));
        using var device = DeviceAccessKey.ImportPkcs8(keys.GetProperty("device").Hex("pkcs8"));
        Assert.Equal(keys.GetProperty("host").Hex("publicKey"), channel.PublicKey.ToArray());
        Assert.Equal(keys.GetProperty("device").Hex("publicKey"), device.PublicKey.ToArray());
    }

    private static JsonElement Certificates() => KnownAnswers.File(FileName).GetProperty("certificates");
}
