using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

public sealed class X25519DhTests
{
    [Fact]
    public void Agree_Rfc7748Section61Keys_ProduceThePublishedSecret()
    {
        using var alice = NoiseKeyPair.FromPrivateKey(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        using var bob = NoiseKeyPair.FromPrivateKey(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        var shared = new byte[32];

        X25519Dh.Agree(alice, bob.PublicKey, shared);

        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alice.PublicKey.Span));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bob.PublicKey.Span));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(shared));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    public void Agree_LowOrderPublicKey_ThrowsWeakPublicKeyAndWritesNothing(string lowOrderHex)
    {
        using NoiseKeyPair local = NoiseKeyPair.Generate();
        var shared = new byte[32];
        Array.Fill(shared, (byte)0xAA);

        Assert.Throws<WeakPublicKeyException>(() => X25519Dh.Agree(local, NoisePublicKey.FromBytes(Convert.FromHexString(lowOrderHex)), shared));
        Assert.All(shared, b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void ReadMessage_PeerEphemeralIsLowOrder_ThrowsWeakPublicKeyAndPoisons()
    {
        using var kit = new SessionKit();
        using NoiseHandshake initiator = kit.Initiator("Noise_IK_25519_AESGCM_SHA256");
        using NoiseHandshake responder = kit.Responder("Noise_IK_25519_AESGCM_SHA256");
        byte[] message = initiator.WriteMessage([]);
        // Replace "e" with the identity point: the responder's es = DH(s, re) is then all zeros.
        message.AsSpan(0, 32).Clear();

        Assert.Throws<WeakPublicKeyException>(() => responder.ReadMessage(message));
        Assert.Throws<StatePoisonedException>(() => responder.ReadMessage(message));
    }
}
