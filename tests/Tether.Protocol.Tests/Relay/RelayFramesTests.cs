using Tether.Protocol.Relay;

namespace Tether.Protocol.Tests.Relay;

public sealed class RelayFramesTests
{
    [Fact]
    public void Data_RoundTrips_AtEmptyAndLargestPayload()
    {
        foreach (var size in new[] { 0, 1, RelayFrames.MaxPayload })
        {
            var payload = new byte[size];
            Random.Shared.NextBytes(payload);
            var frame = RelayFrames.Data(42, payload);
            Assert.True(RelayFrames.TryReadData(frame, out var peer, out var read));
            Assert.Equal(42u, peer);
            Assert.True(read.SequenceEqual(payload));
        }

        Assert.Equal(RelayFrames.MaxFrame, RelayFrames.Data(1, new byte[RelayFrames.MaxPayload]).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => RelayFrames.Data(1, new byte[RelayFrames.MaxPayload + 1]));
    }

    [Fact]
    public void Hello_AcceptsOnlyTheExactCredentialLengthOfItsKind()
    {
        Assert.True(RelayFrames.TryReadHello(RelayFrames.Hello(RelayRole.Pairing, HelloKind.PairingAccess, new byte[32]), out var role, out var kind, out var credential));
        Assert.Equal((RelayRole.Pairing, HelloKind.PairingAccess, 32), (role, kind, credential.Length));

        Assert.False(RelayFrames.TryReadHello(RelayFrames.Hello(RelayRole.Pairing, HelloKind.PairingAccess, new byte[31]), out _, out _, out _));
        Assert.False(RelayFrames.TryReadHello(RelayFrames.Hello(RelayRole.Host, HelloKind.Token, new byte[84]), out _, out _, out _));
        Assert.False(RelayFrames.TryReadHello(RelayFrames.Hello((RelayRole)9, HelloKind.Token, new byte[83]), out _, out _, out _));
        Assert.False(RelayFrames.TryReadHello(RelayFrames.Hello(RelayRole.Host, (HelloKind)9, new byte[83]), out _, out _, out _));
        Assert.True(RelayFrames.TryReadHello(RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, new byte[283]), out _, out _, out _));
    }

    [Fact]
    public void ControlFrames_RoundTrip()
    {
        var token = new byte[ConnectToken.Length];
        token[5] = 9;
        Assert.True(RelayFrames.TryReadWelcome(RelayFrames.Welcome(7, true, 99, token), out var peer, out var online, out var expires, out var t));
        Assert.Equal((7u, true, 99UL), (peer, online, expires));
        Assert.True(t.SequenceEqual(token));
        Assert.True(RelayFrames.TryReadWelcome(RelayFrames.Welcome(7, false, 0, []), out _, out online, out _, out t));
        Assert.False(online);
        Assert.True(t.IsEmpty);

        Assert.True(RelayFrames.TryReadToken(RelayFrames.Token(5, token), out expires, out _));
        Assert.Equal(5UL, expires);
        Assert.True(RelayFrames.TryReadPeerJoined(RelayFrames.PeerJoined(3, RelayRole.Device, new RelayId(8)), out peer, out var role, out var subject));
        Assert.Equal((3u, RelayRole.Device, new RelayId(8)), (peer, role, subject));
        Assert.True(RelayFrames.TryReadPeerLeft(RelayFrames.PeerLeft(3, RelayCloseReason.Lost), out _, out var reason));
        Assert.Equal(RelayCloseReason.Lost, reason);
        Assert.True(RelayFrames.TryReadKick(RelayFrames.Kick(4, RelayCloseReason.Revoked), out peer, out reason));
        Assert.Equal((4u, RelayCloseReason.Revoked), (peer, reason));
        Assert.True(RelayFrames.TryReadPairOpen(RelayFrames.PairOpen(new byte[32], 77), out var verifier, out expires));
        Assert.Equal((32, 77UL), (verifier.Length, expires));
        Assert.True(RelayFrames.TryReadPairClose(RelayFrames.PairClose(new byte[32]), out _));
        Assert.True(RelayFrames.TryReadRestarting(RelayFrames.Restarting(1500), out var after));
        Assert.Equal(1500u, after);
        Assert.True(RelayFrames.TryReadChallenge(RelayFrames.Challenge(new byte[32]), out _));
        Assert.True(RelayFrames.IsBare(RelayFrames.Refresh(), RelayFrameType.Refresh));
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "empty DATA header", [0x10, 0, 0] },
        { "WELCOME with peer id 0", RelayFrames.Welcome(0, false, 0, []) },
        { "WELCOME with an unknown flag", Flip(RelayFrames.Welcome(1, false, 0, []), 5, 0x80) },
        { "WELCOME with a short token", [.. RelayFrames.Welcome(1, false, 0, []), 1, 2, 3] },
        { "PEER_JOINED for a host", Set(RelayFrames.PeerJoined(1, RelayRole.Device, default), 5, 1) },
        { "PEER_LEFT with an unknown reason", Set(RelayFrames.PeerLeft(1, RelayCloseReason.Lost), 5, 200) },
        { "KICK of peer 0", RelayFrames.Kick(0, RelayCloseReason.Revoked) },
        { "CHALLENGE one byte short", RelayFrames.Challenge(new byte[32])[..32] },
        { "PAIR_OPEN one byte long", [.. RelayFrames.PairOpen(new byte[32], 1), 0] },
        { "TOKEN one byte short", RelayFrames.Token(1, new byte[83])[..91] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFrames_AreRefused_NotThrown(string name, byte[] frame)
    {
        Assert.NotNull(name);
        var accepted =
            RelayFrames.TryReadData(frame, out _, out _) && frame[0] == 0x10 && frame.Length < 5
            || RelayFrames.TryReadWelcome(frame, out _, out _, out _, out _)
            || RelayFrames.TryReadPeerJoined(frame, out _, out _, out _)
            || RelayFrames.TryReadPeerLeft(frame, out _, out _)
            || RelayFrames.TryReadKick(frame, out _, out _)
            || RelayFrames.TryReadChallenge(frame, out _)
            || RelayFrames.TryReadPairOpen(frame, out _, out _)
            || RelayFrames.TryReadToken(frame, out _, out _);
        Assert.False(accepted);
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(1);
        for (var i = 0; i < 2000; i++)
        {
            var frame = new byte[random.Next(0, 300)];
            random.NextBytes(frame);
            _ = RelayFrames.TryReadType(frame, out _);
            _ = RelayFrames.TryReadHello(frame, out _, out _, out _);
            _ = RelayFrames.TryReadWelcome(frame, out _, out _, out _, out _);
            _ = RelayFrames.TryReadData(frame, out _, out _);
            _ = RelayFrames.TryReadPeerJoined(frame, out _, out _, out _);
            _ = RelayFrames.TryReadPairOpen(frame, out _, out _);
        }
    }

    private static byte[] Flip(byte[] frame, int index, byte bits)
    {
        frame[index] ^= bits;
        return frame;
    }

    private static byte[] Set(byte[] frame, int index, byte value)
    {
        frame[index] = value;
        return frame;
    }
}
