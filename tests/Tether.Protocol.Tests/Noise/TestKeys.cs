using System.Security.Cryptography;
using System.Text;
using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

/// <summary>Deterministic keys for reproducible runs: the private key is SHA-256 of a label.</summary>
internal static class TestKeys
{
    public static NoiseKeyPair Pair(string label) => NoiseKeyPair.FromPrivateKey(Bytes(label));

    public static NoisePresharedKey Psk(string label) => NoisePresharedKey.FromBytes(Bytes(label));

    public static byte[] Bytes(string label) => SHA256.HashData(Encoding.UTF8.GetBytes(label));
}
