using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>An immutable X25519 public key. Public keys are not secret, so they may be printed as a short fingerprint.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class NoisePublicKey : IEquatable<NoisePublicKey>
{
    private readonly byte[] _bytes;

    private NoisePublicKey(byte[] bytes)
    {
        _bytes = bytes;
    }

    /// <summary>The 32 raw key bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>
    /// First 8 bytes of SHA-256 over the key, as lowercase hex: short enough for logs and UI, long enough to
    /// tell a handful of paired devices apart. Not a substitute for comparing whole keys.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(_bytes, digest);
            return Convert.ToHexStringLower(digest[..8]);
        }
    }

    /// <summary>Internal access to the array for BouncyCastle, which takes arrays only. Never mutate it.</summary>
    internal byte[] Array => _bytes;

    /// <summary>Creates a key from its 32-byte encoding. Any 32 bytes are accepted (RFC 7748 section 5); low-order keys fail at DH time.</summary>
    /// <exception cref="ArgumentException">The input is not 32 bytes.</exception>
    public static NoisePublicKey FromBytes(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != NoiseLimits.DhLength)
        {
            throw Errors.WrongKeyLength(nameof(publicKey), NoiseLimits.DhLength, publicKey.Length);
        }

        return new NoisePublicKey(publicKey.ToArray());
    }

    /// <summary>A copy of the 32 raw key bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <inheritdoc />
    public bool Equals(NoisePublicKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NoisePublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_bytes);

    /// <summary>Returns <c>NoisePublicKey(&lt;fingerprint&gt;)</c>.</summary>
    public override string ToString() => $"{nameof(NoisePublicKey)}({Fingerprint})";
}
