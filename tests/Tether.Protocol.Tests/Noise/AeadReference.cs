using System.Buffers.Binary;
using System.Security.Cryptography;
using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

/// <summary>Independent ENCRYPT(k, n, ad, plaintext) straight from spec sections 12.3-12.4, to check CipherState against.</summary>
internal static class AeadReference
{
    public static byte[] Encrypt(CipherKind kind, byte[] key, ulong n, byte[] ad, byte[] plaintext)
    {
        var nonce = new byte[12];
        if (kind == CipherKind.AesGcm)
        {
            BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), n);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(nonce.AsSpan(4), n);
        }

        var output = new byte[plaintext.Length + 16];
        Span<byte> cipher = output.AsSpan(0, plaintext.Length);
        Span<byte> tag = output.AsSpan(plaintext.Length);
        if (kind == CipherKind.AesGcm)
        {
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, plaintext, cipher, tag, ad);
        }
        else
        {
            using var chacha = new ChaCha20Poly1305(key);
            chacha.Encrypt(nonce, plaintext, cipher, tag, ad);
        }

        return output;
    }
}
