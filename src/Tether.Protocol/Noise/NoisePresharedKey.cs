using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>
/// A 32-byte pre-shared symmetric key for the psk modifiers (spec section 9). Zeroed on
/// <see cref="Dispose"/>; never printed.
/// </summary>
[DebuggerDisplay("NoisePresharedKey")]
public sealed class NoisePresharedKey : IDisposable
{
    private readonly SecretBytes _key;

    private NoisePresharedKey(SecretBytes key)
    {
        _key = key;
    }

    internal ReadOnlySpan<byte> Span => _key.Span;

    /// <summary>Test hook: the key buffer even after disposal, to prove it was zeroed.</summary>
    internal byte[] UnsafeArrayForTests => _key.UnsafeArrayForTests;

    /// <summary>Generates a fresh random PSK (for a pairing link).</summary>
    public static NoisePresharedKey Generate()
    {
        var secret = new SecretBytes(NoiseLimits.KeyLength);
        RandomNumberGenerator.Fill(secret.Span);
        return new NoisePresharedKey(secret);
    }

    /// <summary>Imports a PSK from exactly 32 bytes. The input is copied; the caller should zero its own copy.</summary>
    /// <exception cref="ArgumentException">The input is not 32 bytes.</exception>
    public static NoisePresharedKey FromBytes(ReadOnlySpan<byte> key)
    {
        // Spec section 9.1: a PSK is exactly 32 bytes; shorter "passwords" must be stretched first.
        if (key.Length != NoiseLimits.KeyLength)
        {
            throw Errors.WrongKeyLength(nameof(key), NoiseLimits.KeyLength, key.Length);
        }

        return new NoisePresharedKey(SecretBytes.CopyFrom(key));
    }

    /// <summary>Copies the key into <paramref name="destination"/> (32 bytes), e.g. to build a pairing link. The caller must zero the copy.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void Export(Span<byte> destination)
    {
        if (destination.Length < NoiseLimits.KeyLength)
        {
            throw Errors.BufferTooSmall(nameof(destination), NoiseLimits.KeyLength, destination.Length);
        }

        _key.Span.CopyTo(destination);
    }

    /// <summary>Zeroes the key. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _key.Dispose();

    /// <summary>Returns the type name only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => nameof(NoisePresharedKey);
}
