using Tether.Protocol.Relay;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Relay;

public sealed class ConnectTokenIssuerTests : IDisposable
{
    private static readonly RelayId Channel = new(0x1111);
    private static readonly RelayId OtherChannel = new(0x2222);
    private static readonly RelayId Subject = new(0x3333);
    private readonly ManualClock _clock = ManualClock.AtUnix(1_800_000_000);
    private readonly RelayTokenKey _key = RelayTokenKey.Generate(1);

    [Fact]
    public void Token_VerifiesForItsChannelAndRole_AndSaysWhatItCarries()
    {
        var issuer = Issuer();
        var (token, expires) = issuer.Issue(RelayRole.Device, Channel, Subject, horizon: ulong.MaxValue);

        Assert.True(issuer.TryVerify(token, Channel, RelayRole.Device, out var verified));
        Assert.Equal(new ConnectToken(1, RelayRole.Device, Channel, Subject, expires, ulong.MaxValue), verified);
        Assert.Equal(1_800_000_000UL + (15 * 60), expires);
    }

    [Fact]
    public void Token_ForOneChannelOrRole_OpensNoOther()
    {
        var issuer = Issuer();
        var (token, _) = issuer.Issue(RelayRole.Device, Channel, Subject, ulong.MaxValue);

        Assert.False(issuer.TryVerify(token, OtherChannel, RelayRole.Device, out _));
        Assert.False(issuer.TryVerify(token, Channel, RelayRole.Host, out _));
        Assert.False(issuer.TryVerify(token, Channel, RelayRole.Pairing, out _));
    }

    [Fact]
    public void Token_PastExpiryPlusSkew_IsRefused_ButWithinSkewStillWorks()
    {
        var issuer = Issuer();
        var (token, _) = issuer.Issue(RelayRole.Host, Channel, Channel, ulong.MaxValue);

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        Assert.True(issuer.TryVerify(token, Channel, RelayRole.Host, out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(issuer.TryVerify(token, Channel, RelayRole.Host, out _));
    }

    [Fact]
    public void Token_WithAnyByteChanged_IsRefused()
    {
        var issuer = Issuer();
        var (token, _) = issuer.Issue(RelayRole.Device, Channel, Subject, ulong.MaxValue);
        for (var i = 0; i < token.Length; i++)
        {
            var forged = (byte[])token.Clone();
            forged[i] ^= 0x01;
            Assert.False(issuer.TryVerify(forged, Channel, RelayRole.Device, out _), $"byte {i} flipped");
        }

        Assert.False(issuer.TryVerify(token.AsSpan(0, token.Length - 1), Channel, RelayRole.Device, out _));
        Assert.False(issuer.TryVerify([.. token, 0], Channel, RelayRole.Device, out _));
        Assert.False(issuer.TryVerify([], Channel, RelayRole.Device, out _));
    }

    [Fact]
    public void Token_FromAnotherDeployment_IsRefused()
    {
        using var otherKey = RelayTokenKey.Generate(1);
        var (token, _) = new ConnectTokenIssuer([otherKey], new ConnectTokenOptions(), _clock).Issue(RelayRole.Host, Channel, Channel, ulong.MaxValue);
        Assert.False(Issuer().TryVerify(token, Channel, RelayRole.Host, out _));
    }

    [Fact]
    public void KeyRotation_OldTokensStillVerify_NewOnesUseTheCurrentKey()
    {
        using var newKey = RelayTokenKey.Generate(2);
        var (oldToken, _) = Issuer().Issue(RelayRole.Host, Channel, Channel, ulong.MaxValue);
        var rotated = new ConnectTokenIssuer([newKey, _key], new ConnectTokenOptions(), _clock);

        Assert.True(rotated.TryVerify(oldToken, Channel, RelayRole.Host, out var old));
        Assert.Equal(1, old.KeyId);
        var (newToken, _) = rotated.Issue(RelayRole.Host, Channel, Channel, ulong.MaxValue);
        Assert.True(rotated.TryVerify(newToken, Channel, RelayRole.Host, out var fresh));
        Assert.Equal(2, fresh.KeyId);
        Assert.False(Issuer().TryVerify(newToken, Channel, RelayRole.Host, out _));
    }

    [Fact]
    public void Expiry_NeverPassesTheHorizon()
    {
        var horizon = (ulong)_clock.GetUtcNow().ToUnixTimeSeconds() + 60;
        var (_, expires) = Issuer().Issue(RelayRole.Device, Channel, Subject, horizon);
        Assert.Equal(horizon, expires);
    }

    [Fact]
    public void PairingConnections_GetNoToken() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Issuer().Issue(RelayRole.Pairing, Channel, Subject, ulong.MaxValue));

    [Fact]
    public void Keys_MustBeLongAndDistinct()
    {
        Assert.Throws<ArgumentException>(() => new RelayTokenKey(1, new byte[31]));
        Assert.Throws<ArgumentException>(() => new ConnectTokenIssuer([], new ConnectTokenOptions(), _clock));
        using var twin = RelayTokenKey.Generate(1);
        Assert.Throws<ArgumentException>(() => new ConnectTokenIssuer([_key, twin], new ConnectTokenOptions(), _clock));
        Assert.DoesNotContain("secret", _key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _key.Dispose();

    private ConnectTokenIssuer Issuer() => new([_key], new ConnectTokenOptions(), _clock);
}
