using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// ECDSA P-256 with SHA-256 as the relay credentials use it (docs/protocol.md §7.1): public keys in
/// their 65-byte uncompressed SEC1 form, signatures as IEEE P1363 <c>r ‖ s</c>, the forms WebCrypto
/// uses, so browser and .NET interoperate without conversion.
/// </summary>
internal static class EcdsaP256
{
    public const int PublicKeyLength = 65;
    public const int SignatureLength = 64;
    private const int CoordinateLength = 32;
    private const byte UncompressedPoint = 0x04;

    public static byte[] ExportPublicKey(ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        var bytes = new byte[PublicKeyLength];
        bytes[0] = UncompressedPoint;
        p.Q.X!.CopyTo(bytes, 1);
        p.Q.Y!.CopyTo(bytes, 1 + CoordinateLength);
        return bytes;
    }

    /// <summary>
    /// Verifies a signature by an untrusted public key. A key that is not a point on the curve, or of
    /// the wrong form, fails verification instead of throwing: it is bad input, not a caller bug.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || publicKey[0] != UncompressedPoint || signature.Length != SignatureLength)
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey.Slice(1, CoordinateLength).ToArray(), Y = publicKey.Slice(1 + CoordinateLength).ToArray() },
            });
            return key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> message) =>
        key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
