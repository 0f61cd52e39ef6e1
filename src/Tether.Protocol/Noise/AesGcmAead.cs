using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>Cipher "AESGCM" (spec section 12.4).</summary>
internal sealed class AesGcmAead : NoiseAead
{
    private readonly AesGcm _aes;

    public AesGcmAead(ReadOnlySpan<byte> key)
    {
        _aes = new AesGcm(key, NoiseLimits.TagLength);
    }

    public override void Encrypt(ulong nonce, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Span<byte> iv = stackalloc byte[NonceLength];
        FormatNonce(nonce, iv);
        _aes.Encrypt(iv, plaintext, ciphertext[..plaintext.Length], ciphertext.Slice(plaintext.Length, NoiseLimits.TagLength), ad);
    }

    public override bool TryDecrypt(ulong nonce, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        Span<byte> iv = stackalloc byte[NonceLength];
        FormatNonce(nonce, iv);
        int length = ciphertext.Length - NoiseLimits.TagLength;
        try
        {
            _aes.Decrypt(iv, ciphertext[..length], ciphertext[length..], plaintext[..length], ad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            return false;
        }
    }

    public override void Dispose() => _aes.Dispose();

    // Spec section 12.4: 32 bits of zeros followed by the big-endian 64-bit counter.
    private static void FormatNonce(ulong nonce, Span<byte> iv)
    {
        iv[..4].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(iv[4..], nonce);
    }
}
