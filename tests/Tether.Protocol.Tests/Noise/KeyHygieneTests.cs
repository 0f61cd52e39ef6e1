using System.Diagnostics;
using System.Reflection;
using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

public sealed class KeyHygieneTests
{
    private static readonly byte[] PrivateBytes = TestKeys.Bytes("hygiene private key");

    [Fact]
    public void KeyPair_ToStringAndDebuggerDisplay_NeverShowPrivateBytes()
    {
        using var pair = NoiseKeyPair.FromPrivateKey(PrivateBytes);

        AssertNoLeak(pair.ToString(), PrivateBytes);
        Assert.Contains(pair.PublicKey.Fingerprint, pair.ToString(), StringComparison.Ordinal);
        Assert.Equal("{ToString(),nq}", typeof(NoiseKeyPair).GetCustomAttribute<DebuggerDisplayAttribute>()!.Value);
    }

    [Fact]
    public void PresharedKey_ToString_ShowsTypeNameOnly()
    {
        using var psk = NoisePresharedKey.FromBytes(PrivateBytes);

        Assert.Equal(nameof(NoisePresharedKey), psk.ToString());
        Assert.Equal("NoisePresharedKey", typeof(NoisePresharedKey).GetCustomAttribute<DebuggerDisplayAttribute>()!.Value);
    }

    [Fact]
    public void PublicKey_ToString_ShowsShortFingerprintNotTheKey()
    {
        using var pair = NoiseKeyPair.FromPrivateKey(PrivateBytes);
        string text = pair.PublicKey.ToString();

        Assert.Matches("^NoisePublicKey\\([0-9a-f]{16}\\)$", text);
        AssertNoLeak(text, pair.PublicKey.ToArray());
    }

    [Fact]
    public void KeyPair_Dispose_ZeroesPrivateKeyAndRefusesUse()
    {
        var pair = NoiseKeyPair.FromPrivateKey(PrivateBytes);
        byte[] buffer = pair.UnsafePrivateArrayForTests;
        Assert.Equal(PrivateBytes, buffer);

        pair.Dispose();

        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => pair.ExportPrivateKey(new byte[32]));
    }

    [Fact]
    public void PresharedKey_Dispose_ZeroesKey()
    {
        var psk = NoisePresharedKey.FromBytes(PrivateBytes);
        byte[] buffer = psk.UnsafeArrayForTests;

        psk.Dispose();

        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => psk.Export(new byte[32]));
    }

    [Fact]
    public void KeyPair_ExportPrivateKey_RoundTripsThroughFactory()
    {
        using NoiseKeyPair generated = NoiseKeyPair.Generate();
        var exported = new byte[32];
        generated.ExportPrivateKey(exported);

        using var imported = NoiseKeyPair.FromPrivateKey(exported);

        Assert.Equal(generated.PublicKey, imported.PublicKey);
    }

    [Fact]
    public void Factories_WrongLength_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => NoiseKeyPair.FromPrivateKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => NoisePresharedKey.FromBytes(new byte[33]));
        Assert.Throws<ArgumentException>(() => NoisePublicKey.FromBytes(Array.Empty<byte>()));
    }

    [Fact]
    public void Generate_ProducesDistinctKeys()
    {
        using NoiseKeyPair a = NoiseKeyPair.Generate();
        using NoiseKeyPair b = NoiseKeyPair.Generate();

        Assert.NotEqual(a.PublicKey, b.PublicKey);
    }

    [Fact]
    public void ExceptionMessages_FromFailedHandshake_ContainNoKeyBytes()
    {
        using var kit = new SessionKit();
        using NoiseHandshake initiator = kit.Initiator("Noise_IKpsk2_25519_AESGCM_SHA256");
        using NoiseHandshake responder = kit.Responder("Noise_IKpsk2_25519_AESGCM_SHA256");
        byte[] message = initiator.WriteMessage([]);
        message[40] ^= 1;

        Exception error = Assert.Throws<DecryptionFailedException>(() => responder.ReadMessage(message));

        var secrets = new byte[32];
        kit.InitiatorStatic.ExportPrivateKey(secrets);
        AssertNoLeak(error.ToString(), secrets);
        kit.Psk.Export(secrets);
        AssertNoLeak(error.ToString(), secrets);
        AssertNoLeak(error.ToString(), kit.InitiatorStatic.PublicKey.ToArray());
    }

    private static void AssertNoLeak(string text, byte[] secret)
    {
        Assert.DoesNotContain(Convert.ToHexString(secret), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(secret, 0, 8), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(secret), text, StringComparison.Ordinal);
    }
}
