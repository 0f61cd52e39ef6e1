using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>Cipher "ChaChaPoly" (spec section 12.3).</summary>
internal sealed class ChaChaPolyAead : NoiseAead
{
    private readonly ChaCha20Poly1305 _aead;

    public ChaChaPolyAead(ReadOnlySpan<byte> key)
    {
        _aead = new ChaCha20Poly1305(key);
    }

    public override void Encrypt(ulong nonce, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Span<byte> iv = stackalloc byte[NonceLength];
        FormatNonce(nonce, iv);
        _aead.Encrypt(iv, plaintext, ciphertext[..plaintext.Length], ciphertext.Slice(plaintext.Length, NoiseLimits.TagLength), ad);
    }

    public override bool TryDecrypt(ulong nonce, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        Span<byte> iv = stackalloc byte[NonceLength];
        FormatNonce(nonce, iv);
        int length = ciphertext.Length - NoiseLimits.TagLength;
        try
        {
            _aead.Decrypt(iv, ciphertext[..length], ciphertext[length..], plaintext[..length], ad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            return false;
        }
    }

    public override void Dispose() => _aead.Dispose();

    // Spec section 12.3: 32 bits of zeros followed by the little-endian 64-bit counter (RFC 7539 layout).
    private static void FormatNonce(ulong nonce, Span<byte> iv)
    {
        iv[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(iv[4..], nonce);
    }
}
