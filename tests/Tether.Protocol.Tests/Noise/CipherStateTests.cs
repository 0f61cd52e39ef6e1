using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

public sealed class CipherStateTests
{
    private static readonly byte[] Key = TestKeys.Bytes("cipher state key");

    [Theory]
    [InlineData("AESGCM")]
    [InlineData("ChaChaPoly")]
    public void Encrypt_AtNonce_MatchesSpecNonceLayout(string cipher)
    {
        CipherKind kind = Kind(cipher);
        // 0x0102030405060708 tells big-endian (AESGCM) from little-endian (ChaChaPoly) apart.
        const ulong n = 0x0102030405060708;
        using CipherState state = Keyed(kind);
        state.SetNonce(n);
        byte[] ad = [9, 9];
        byte[] plaintext = [1, 2, 3, 4];
        var ciphertext = new byte[20];

        state.EncryptWithAd(ad, plaintext, ciphertext);

        Assert.Equal(AeadReference.Encrypt(kind, Key, n, ad, plaintext), ciphertext);
        Assert.Equal(n + 1, state.Nonce);
    }

    [Theory]
    [InlineData("AESGCM")]
    [InlineData("ChaChaPoly")]
    public void Rekey_AnyCipher_MatchesSpecFormulaAndKeepsNonce(string cipher)
    {
        CipherKind kind = Kind(cipher);
        using CipherState state = Keyed(kind);
        state.SetNonce(5);

        state.Rekey();

        // Spec section 11.3: k' = first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero bytes); n unchanged.
        byte[] expectedKey = AeadReference.Encrypt(kind, Key, ulong.MaxValue, [], new byte[32])[..32];
        Assert.Equal(5UL, state.Nonce);
        var ciphertext = new byte[19];
        state.EncryptWithAd([], [7, 7, 7], ciphertext);
        Assert.Equal(AeadReference.Encrypt(kind, expectedKey, 5, [], [7, 7, 7]), ciphertext);
    }

    [Fact]
    public void Encrypt_AtReservedNonce_ThrowsNonceExhausted()
    {
        using CipherState state = Keyed(CipherKind.AesGcm);
        state.SetNonce(ulong.MaxValue - 1);
        var buffer = new byte[16];

        state.EncryptWithAd([], [], buffer);

        Assert.Equal(CipherState.ReservedNonce, state.Nonce);
        Assert.Throws<NonceExhaustedException>(() => state.EncryptWithAd([], [], buffer));
    }

    [Fact]
    public void Decrypt_AtReservedNonce_ThrowsNonceExhausted()
    {
        using CipherState state = Keyed(CipherKind.ChaChaPoly);
        state.SetNonce(ulong.MaxValue);

        Assert.Throws<NonceExhaustedException>(() => state.DecryptWithAd([], new byte[16], Array.Empty<byte>()));
    }

    [Fact]
    public void Decrypt_AfterTagFailure_StateIsPoisoned()
    {
        using CipherState sender = Keyed(CipherKind.AesGcm);
        using CipherState receiver = Keyed(CipherKind.AesGcm);
        var ciphertext = new byte[18];
        sender.EncryptWithAd([], [1, 2], ciphertext);
        byte[] tampered = (byte[])ciphertext.Clone();
        tampered[0] ^= 1;
        var plaintext = new byte[2];

        Assert.Throws<DecryptionFailedException>(() => receiver.DecryptWithAd([], tampered, plaintext));
        Assert.Equal(new byte[2], plaintext);
        Assert.Throws<StatePoisonedException>(() => receiver.DecryptWithAd([], ciphertext, plaintext));
        Assert.Throws<StatePoisonedException>(() => receiver.EncryptWithAd([], [], new byte[16]));
        Assert.Throws<StatePoisonedException>(receiver.Rekey);
    }

    [Fact]
    public void EncryptWithAd_WithoutKey_PassesPlaintextThrough()
    {
        using var state = new CipherState(CipherKind.AesGcm);
        var output = new byte[3];

        Assert.Equal(3, state.EncryptWithAd([], [1, 2, 3], output));
        Assert.Equal([1, 2, 3], output);
    }

    [Fact]
    public void Encrypt_AfterDispose_ThrowsObjectDisposed()
    {
        CipherState state = Keyed(CipherKind.AesGcm);
        state.Dispose();

        Assert.Throws<ObjectDisposedException>(() => state.EncryptWithAd([], [], new byte[16]));
    }

    private static CipherKind Kind(string cipher) => NoiseProtocol.Parse($"Noise_NN_25519_{cipher}_SHA256").Cipher;

    private static CipherState Keyed(CipherKind kind)
    {
        var state = new CipherState(kind);
        state.InitializeKey(Key);
        return state;
    }
}
