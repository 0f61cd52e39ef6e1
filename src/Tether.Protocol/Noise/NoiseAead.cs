namespace Tether.Protocol.Noise;

/// <summary>
/// ENCRYPT/DECRYPT of spec section 4.2 for one key: the key is loaded once (InitializeKey) and kept
/// inside the platform AEAD object, which is disposed when the key is replaced or the state ends.
/// </summary>
internal abstract class NoiseAead : IDisposable
{
    /// <summary>Length of the 96-bit nonce both AEADs take.</summary>
    protected const int NonceLength = 12;

    public static NoiseAead Create(CipherKind kind, ReadOnlySpan<byte> key) => kind switch
    {
        CipherKind.AesGcm => new AesGcmAead(key),
        CipherKind.ChaChaPoly => new ChaChaPolyAead(key),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Writes plaintext.Length + 16 bytes to <paramref name="ciphertext"/>.</summary>
    public abstract void Encrypt(ulong nonce, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext);

    /// <summary>Returns false on a bad tag, after zeroing <paramref name="plaintext"/> so nothing unauthenticated escapes.</summary>
    public abstract bool TryDecrypt(ulong nonce, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext);

    public abstract void Dispose();
}
