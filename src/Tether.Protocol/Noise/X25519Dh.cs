using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Tether.Protocol.Noise;

/// <summary>
/// DH function "25519" (spec section 12.1) over BouncyCastle's RFC 7748 X25519, because .NET has no
/// X25519 and its ECDiffieHellman refuses curve25519.
/// </summary>
internal static class X25519Dh
{
    public static NoisePublicKey DerivePublicKey(byte[] privateKey)
    {
        var publicKey = new byte[NoiseLimits.DhLength];
        // ScalarMultBase clamps a copy of the scalar (RFC 7748 section 5), so the stored key stays raw.
        X25519.ScalarMultBase(privateKey, 0, publicKey, 0);
        return NoisePublicKey.FromBytes(publicKey);
    }

    /// <summary>
    /// Computes DH(local, remote) into <paramref name="sharedSecret"/> (32 bytes).
    /// </summary>
    /// <exception cref="WeakPublicKeyException">The result is all zeros.</exception>
    public static void Agree(NoiseKeyPair local, NoisePublicKey remote, Span<byte> sharedSecret)
    {
        byte[] result = GC.AllocateArray<byte>(NoiseLimits.DhLength, pinned: true);
        try
        {
            X25519.ScalarMult(local.PrivateKeyArray, 0, remote.Array, 0, result, 0);
            // Spec section 12.1 lets 25519 skip validation, but an all-zero result means the peer chose a
            // low-order point and forced a key it knows; RFC 7748 section 6.1 says to check for it.
            // The comparison is constant-time so the check leaks nothing about other results.
            if (CryptographicOperations.FixedTimeEquals(result, stackalloc byte[NoiseLimits.DhLength]))
            {
                throw Errors.WeakPublicKey();
            }

            result.CopyTo(sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(result);
        }
    }
}
