using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>
/// An X25519 key pair. The private half lives in a pinned buffer that is zeroed on <see cref="Dispose"/>;
/// it never appears in <see cref="ToString"/>, the debugger or exception messages.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class NoiseKeyPair : IDisposable
{
    private readonly SecretBytes _private;

    private NoiseKeyPair(SecretBytes privateKey)
    {
        _private = privateKey;
        PublicKey = X25519Dh.DerivePublicKey(privateKey.Array);
    }

    /// <summary>The public half.</summary>
    public NoisePublicKey PublicKey { get; }

    /// <summary>Internal access to the private key for DH; throws once disposed.</summary>
    internal byte[] PrivateKeyArray => _private.Array;

    /// <summary>Test hook: the private buffer even after disposal, to prove it was zeroed.</summary>
    internal byte[] UnsafePrivateArrayForTests => _private.UnsafeArrayForTests;

    /// <summary>Generates a fresh key pair from <see cref="RandomNumberGenerator"/>.</summary>
    public static NoiseKeyPair Generate()
    {
        var secret = new SecretBytes(NoiseLimits.DhLength);
        RandomNumberGenerator.Fill(secret.Span);
        return new NoiseKeyPair(secret);
    }

    /// <summary>
    /// Imports a key pair from a 32-byte X25519 private key (for the key store and for test vectors).
    /// The input is copied; the caller should zero its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 32 bytes.</exception>
    public static NoiseKeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != NoiseLimits.DhLength)
        {
            throw Errors.WrongKeyLength(nameof(privateKey), NoiseLimits.DhLength, privateKey.Length);
        }

        return new NoiseKeyPair(SecretBytes.CopyFrom(privateKey));
    }

    /// <summary>
    /// Copies the private key into <paramref name="destination"/> (32 bytes), for persisting it in the key
    /// store. The caller owns the copy and must zero it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        if (destination.Length < NoiseLimits.DhLength)
        {
            throw Errors.BufferTooSmall(nameof(destination), NoiseLimits.DhLength, destination.Length);
        }

        _private.Span.CopyTo(destination);
    }

    /// <summary>Zeroes the private key. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _private.Dispose();

    /// <summary>Shows the public key fingerprint only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"{nameof(NoiseKeyPair)}(public {PublicKey.Fingerprint})";
}
