using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// One HMAC key of a relay deployment, with its id (docs/protocol.md §7.2). Every node of a
/// deployment holds the same keys; rotation adds a key with a new id, makes it current, and retires
/// the old one after the token lifetime. The secret is pinned, never printed, zeroed on dispose.
/// </summary>
public sealed class RelayTokenKey : IDisposable
{
    /// <summary>Shorter secrets are refused: HMAC-SHA256 wants at least its output size.</summary>
    public const int MinSecretLength = 32;

    private readonly byte[] _secret;

    /// <summary>Copies the secret.</summary>
    public RelayTokenKey(byte id, ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinSecretLength)
        {
            throw new ArgumentException($"A relay token key is at least {MinSecretLength} bytes.", nameof(secret));
        }

        Id = id;
        _secret = GC.AllocateArray<byte>(secret.Length, pinned: true);
        secret.CopyTo(_secret);
    }

    /// <summary>The key id carried in tokens.</summary>
    public byte Id { get; }

    /// <summary>A key with a random 32-byte secret (the embedded relay's, which lives as long as its process).</summary>
    public static RelayTokenKey Generate(byte id)
    {
        Span<byte> secret = stackalloc byte[MinSecretLength];
        RandomNumberGenerator.Fill(secret);
        try
        {
            return new RelayTokenKey(id, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    internal void Mac(ReadOnlySpan<byte> data, Span<byte> mac) => HMACSHA256.HashData(_secret, data, mac);

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    /// <inheritdoc />
    public override string ToString() => $"{nameof(RelayTokenKey)}(id {Id})";
}
