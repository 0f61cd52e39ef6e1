using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

public sealed class ProtocolNameTests
{
    [Fact]
    public void PatternTable_HoldsEveryOneWayFundamentalAndDeferredPattern()
    {
        // 3 one-way (7.4) + 12 fundamental (7.5) + 23 deferred (7.6).
        Assert.Equal(38, HandshakePatterns.Names.Count);
    }

    [Fact]
    public void Parse_EveryTablePatternWithEitherCipher_Succeeds()
    {
        foreach (string pattern in HandshakePatterns.Names)
        {
            foreach (string cipher in new[] { "AESGCM", "ChaChaPoly" })
            {
                string name = $"Noise_{pattern}_25519_{cipher}_SHA256";
                Assert.Equal(name, NoiseProtocol.Parse(name).Name);
            }
        }
    }

    [Fact]
    public void Parse_IKpsk2_AppendsPskToSecondMessage()
    {
        NoiseProtocol protocol = NoiseProtocol.Parse("Noise_IKpsk2_25519_AESGCM_SHA256");

        Assert.Equal("IKpsk2", protocol.PatternName);
        Assert.Equal([NoiseToken.E, NoiseToken.ES, NoiseToken.S, NoiseToken.SS], protocol.Pattern.Messages[0]);
        Assert.Equal([NoiseToken.E, NoiseToken.EE, NoiseToken.SE, NoiseToken.Psk], protocol.Pattern.Messages[1]);
        Assert.True(protocol.Pattern.IsPskMode);
        Assert.Equal(1, protocol.PskCount);
    }

    [Fact]
    public void Parse_Psk0_PrependsPskToFirstMessage()
    {
        NoiseProtocol protocol = NoiseProtocol.Parse("Noise_NNpsk0_25519_ChaChaPoly_SHA256");

        Assert.Equal([NoiseToken.Psk, NoiseToken.E], protocol.Pattern.Messages[0]);
    }

    [Fact]
    public void Parse_CombinedModifiers_AppliesEachInOrder()
    {
        NoiseProtocol protocol = NoiseProtocol.Parse("Noise_XXpsk0+psk3_25519_AESGCM_SHA256");

        Assert.Equal(2, protocol.PskCount);
        Assert.Equal(NoiseToken.Psk, protocol.Pattern.Messages[0][0]);
        Assert.Equal(NoiseToken.Psk, protocol.Pattern.Messages[2][^1]);
    }

    [Fact]
    public void Parse_DeferredPattern_KeepsTheSpecTokens()
    {
        NoiseProtocol protocol = NoiseProtocol.Parse("Noise_X1K1_25519_AESGCM_SHA256");

        Assert.Equal([NoiseToken.S], protocol.Pattern.ResponderPreMessage);
        Assert.Equal(4, protocol.Pattern.Messages.Count);
        Assert.Equal([NoiseToken.SE], protocol.Pattern.Messages[3]);
    }

    [Theory]
    [InlineData("", "expected Noise_")]
    [InlineData("Noise_IK_25519_AESGCM", "expected Noise_")]
    [InlineData("noise_IK_25519_AESGCM_SHA256", "expected Noise_")]
    [InlineData("Noise_ZZ_25519_AESGCM_SHA256", "pattern 'ZZ'")]
    [InlineData("Noise_ik_25519_AESGCM_SHA256", "pattern ''")]
    [InlineData("Noise_IK_448_AESGCM_SHA256", "DH function '448'")]
    [InlineData("Noise_IK_25519_AES256_SHA256", "cipher 'AES256'")]
    [InlineData("Noise_IK_25519_AESGCM_BLAKE2s", "hash 'BLAKE2s'")]
    [InlineData("Noise_IKfallback_25519_AESGCM_SHA256", "modifier 'fallback'")]
    [InlineData("Noise_IKpsk_25519_AESGCM_SHA256", "modifier 'psk'")]
    [InlineData("Noise_IKpsk01_25519_AESGCM_SHA256", "modifier 'psk01'")]
    [InlineData("Noise_IKpsk3_25519_AESGCM_SHA256", "'psk3' names a message")]
    [InlineData("Noise_IKpsk2+psk2_25519_AESGCM_SHA256", "appears twice")]
    public void Parse_UnknownOrMalformedName_ThrowsUnsupportedProtocolNamingThePart(string name, string reason)
    {
        var error = Assert.Throws<UnsupportedProtocolException>(() => NoiseProtocol.Parse(name));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NoiseException>(error);
    }
}
