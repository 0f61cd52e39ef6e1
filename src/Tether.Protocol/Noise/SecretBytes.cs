using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>
/// A fixed-size buffer for key material: pinned so the GC never leaves stray copies behind, zeroed on
/// <see cref="Dispose"/>, and unreadable afterwards.
/// </summary>
internal sealed class SecretBytes : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    public SecretBytes(int length)
    {
        _bytes = GC.AllocateArray<byte>(length, pinned: true);
    }

    public int Length => _bytes.Length;

    public bool IsDisposed => _disposed;

    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>The raw array, for BouncyCastle's array-only X25519 API.</summary>
    public byte[] Array
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>Test hook: the underlying array even after disposal, to prove it was zeroed.</summary>
    internal byte[] UnsafeArrayForTests => _bytes;

    public static SecretBytes CopyFrom(ReadOnlySpan<byte> source)
    {
        var secret = new SecretBytes(source.Length);
        source.CopyTo(secret._bytes);
        return secret;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    public override string ToString() => nameof(SecretBytes);
}
