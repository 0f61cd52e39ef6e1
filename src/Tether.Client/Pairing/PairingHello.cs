using System.Security.Cryptography;

namespace Tether.Client.Pairing;

/// <summary>
/// The pairing hello, the payload of <c>Noise_IKpsk2</c> message 1 (docs/protocol.md §8.1):
/// <code>
/// offset size field
///   0     1   version            0x01
///   1    65   access public key  P-256, uncompressed SEC1 (0x04 ‖ x ‖ y), a point on the curve
///  66     1   name length n      1 ≤ n ≤ 64
///  67     n   suggested name     UTF-8, the rules of <see cref="PairingName"/>
/// </code>
/// Exactly <c>67 + n</c> bytes. It travels encrypted (after the <c>es</c> and <c>ss</c> tokens), so
/// only the host whose key the link pinned can read it.
/// </summary>
internal sealed class PairingHello
{
    public const byte Version = 0x01;

    /// <summary>A P-256 public key in uncompressed SEC1 form.</summary>
    public const int AccessKeySize = 65;

    private const int NameLengthOffset = 1 + AccessKeySize;
    private const int NameOffset = NameLengthOffset + 1;
    private const byte UncompressedPoint = 0x04;
    private const int CoordinateSize = 32;

    private readonly byte[] _accessPublicKey;

    private PairingHello(byte[] accessPublicKey, string suggestedName)
    {
        _accessPublicKey = accessPublicKey;
        SuggestedName = suggestedName;
    }

    /// <summary>The device's access public key, for its certificate.</summary>
    public ReadOnlySpan<byte> AccessPublicKey => _accessPublicKey;

    /// <summary>The name the device suggests for itself.</summary>
    public string SuggestedName { get; }

    /// <summary>Encodes a hello (the caller checked the name against <see cref="PairingName"/>).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> accessPublicKey, string suggestedName)
    {
        var name = PairingName.Encode(suggestedName);
        var bytes = new byte[NameOffset + name.Length];
        bytes[0] = Version;
        accessPublicKey.CopyTo(bytes.AsSpan(1));
        bytes[NameLengthOffset] = (byte)name.Length;
        name.CopyTo(bytes, NameOffset);
        return bytes;
    }

    /// <summary>Decodes a hello from message 1's payload; null when any rule of §8.1 is broken.</summary>
    public static PairingHello? TryDecode(ReadOnlySpan<byte> payload)
    {
        // Check the fixed part before slicing, then the exact length: no trailing bytes.
        if (payload.Length < NameOffset || payload[0] != Version)
        {
            return null;
        }

        var nameLength = payload[NameLengthOffset];
        if (payload.Length != NameOffset + nameLength)
        {
            return null;
        }

        var key = payload.Slice(1, AccessKeySize);
        var name = PairingName.TryDecode(payload[NameOffset..]);
        return name is not null && IsOnCurve(key) ? new PairingHello(key.ToArray(), name) : null;
    }

    /// <summary>
    /// A certificate for a key that is not a P-256 point could never be used, and signing arbitrary
    /// bytes is not the host's job: the key must be a real point.
    /// </summary>
    private static bool IsOnCurve(ReadOnlySpan<byte> key)
    {
        if (key[0] != UncompressedPoint)
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key.Slice(1, CoordinateSize).ToArray(), Y = key.Slice(1 + CoordinateSize, CoordinateSize).ToArray() },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
