using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>Hash function "SHA256" (spec section 12.5) with HMAC and HKDF as defined in spec section 4.3.</summary>
internal static class NoiseHash
{
    /// <summary>HASH(a || b) without building the concatenation.</summary>
    public static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(a);
        hash.AppendData(b);
        hash.GetHashAndReset(output);
    }

    /// <summary>
    /// HKDF(chaining_key, input_key_material, num_outputs) of spec section 4.3: two outputs, or three when
    /// <paramref name="output3"/> is not empty. Outputs are HASHLEN bytes each.
    /// </summary>
    public static void Hkdf(
        ReadOnlySpan<byte> chainingKey,
        ReadOnlySpan<byte> inputKeyMaterial,
        Span<byte> output1,
        Span<byte> output2,
        Span<byte> output3)
    {
        Span<byte> tempKey = stackalloc byte[NoiseLimits.HashLength];
        // Holds output_i || byte(i+1), the HMAC input for the next output.
        Span<byte> chained = stackalloc byte[NoiseLimits.HashLength + 1];
        try
        {
            HMACSHA256.HashData(chainingKey, inputKeyMaterial, tempKey);
            HMACSHA256.HashData(tempKey, [0x01], output1);

            output1.CopyTo(chained);
            chained[NoiseLimits.HashLength] = 0x02;
            HMACSHA256.HashData(tempKey, chained, output2);
            if (output3.IsEmpty)
            {
                return;
            }

            output2.CopyTo(chained);
            chained[NoiseLimits.HashLength] = 0x03;
            HMACSHA256.HashData(tempKey, chained, output3);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tempKey);
            CryptographicOperations.ZeroMemory(chained);
        }
    }
}
