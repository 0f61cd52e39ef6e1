using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tether.Protocol.Pairing;

/// <summary>
/// The 32-byte one-time PSK of a pairing link (docs/protocol.md §2.1), the key of
/// <c>Noise_IKpsk2</c>. Whoever holds it can impersonate the host during pairing, so it never
/// prints (<see cref="ToString"/> is redacted) and <see cref="Dispose"/> zeroes it once the link is
/// used, burnt or expired.
/// </summary>
[DebuggerDisplay("PairingSecret (redacted)")]
public sealed class PairingSecret : IDisposable
{
    /// <summary>The PSK size, fixed by <c>Noise_IKpsk2</c>.</summary>
    public const int Size = 32;

    // Pinned so the compacting GC never leaves a stale copy of the secret behind when it moves objects.
    private readonly byte[] _bytes = GC.AllocateArray<byte>(Size, pinned: true);
    private bool _disposed;

    /// <summary>Copies a PSK; later changes to <paramref name="bytes"/> do not change it.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes.</exception>
    public PairingSecret(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw PairingExceptions.WrongLength(nameof(bytes), Size, bytes.Length);
        }

        bytes.CopyTo(_bytes);
    }

    private PairingSecret()
    {
    }

    /// <summary>Whether the secret was zeroed.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>A fresh random PSK from the system CSPRNG.</summary>
    public static PairingSecret Generate()
    {
        var secret = new PairingSecret();
        // An all-zero PSK is refused by every parser (§2.3); 2^-256 odds, but never emit one.
        do
        {
            RandomNumberGenerator.Fill(secret._bytes);
        }
        while (PairingPayload.IsAllZero(secret._bytes));

        return secret;
    }

    /// <summary>The secret bytes, for the Noise handshake. Do not copy them into long-lived memory.</summary>
    /// <exception cref="ObjectDisposedException">The secret was zeroed.</exception>
    public ReadOnlySpan<byte> AsSpan()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _bytes;
    }

    /// <summary>Zeroes the secret; later <see cref="AsSpan"/> calls throw.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    /// <summary>Never the secret: a PSK that reaches a log lets its reader impersonate the host.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "PairingSecret (redacted)";
}
