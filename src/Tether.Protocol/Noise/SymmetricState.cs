using System.Security.Cryptography;
using System.Text;

namespace Tether.Protocol.Noise;

/// <summary>SymmetricState of spec section 5.2: chaining key ck, handshake hash h and a CipherState.</summary>
internal sealed class SymmetricState : IDisposable
{
    private readonly SecretBytes _chainingKey = new(NoiseLimits.HashLength);
    private readonly byte[] _hash = new byte[NoiseLimits.HashLength];
    private readonly CipherKind _kind;
    private readonly CipherState _cipher;

    /// <summary>InitializeSymmetric(protocol_name).</summary>
    public SymmetricState(NoiseProtocol protocol)
    {
        _kind = protocol.Cipher;
        _cipher = new CipherState(_kind);
        byte[] name = Encoding.ASCII.GetBytes(protocol.Name);
        // Names up to HASHLEN bytes are zero-padded into h; longer names are hashed.
        if (name.Length <= NoiseLimits.HashLength)
        {
            name.CopyTo(_hash, 0);
        }
        else
        {
            SHA256.HashData(name, _hash);
        }

        _hash.CopyTo(_chainingKey.Span);
    }

    public bool HasKey => _cipher.HasKey;

    public ReadOnlySpan<byte> HandshakeHash => _hash;

    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        Span<byte> chainingKey = stackalloc byte[NoiseLimits.HashLength];
        Span<byte> tempKey = stackalloc byte[NoiseLimits.HashLength];
        try
        {
            NoiseHash.Hkdf(_chainingKey.Span, inputKeyMaterial, chainingKey, tempKey, Span<byte>.Empty);
            chainingKey.CopyTo(_chainingKey.Span);
            _cipher.InitializeKey(tempKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(chainingKey);
            CryptographicOperations.ZeroMemory(tempKey);
        }
    }

    public void MixHash(ReadOnlySpan<byte> data) => NoiseHash.Hash(_hash, data, _hash);

    /// <summary>MixKeyAndHash, used for "psk" tokens (spec section 9).</summary>
    public void MixKeyAndHash(ReadOnlySpan<byte> inputKeyMaterial)
    {
        Span<byte> chainingKey = stackalloc byte[NoiseLimits.HashLength];
        Span<byte> tempHash = stackalloc byte[NoiseLimits.HashLength];
        Span<byte> tempKey = stackalloc byte[NoiseLimits.HashLength];
        try
        {
            NoiseHash.Hkdf(_chainingKey.Span, inputKeyMaterial, chainingKey, tempHash, tempKey);
            chainingKey.CopyTo(_chainingKey.Span);
            MixHash(tempHash);
            _cipher.InitializeKey(tempKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(chainingKey);
            CryptographicOperations.ZeroMemory(tempHash);
            CryptographicOperations.ZeroMemory(tempKey);
        }
    }

    public int EncryptAndHash(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        int written = _cipher.EncryptWithAd(_hash, plaintext, ciphertext);
        MixHash(ciphertext[..written]);
        return written;
    }

    public int DecryptAndHash(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        int written = _cipher.DecryptWithAd(_hash, ciphertext, plaintext);
        MixHash(ciphertext);
        return written;
    }

    /// <summary>Split(): c1 carries initiator-to-responder traffic, c2 the other direction.</summary>
    public (CipherState Initiator, CipherState Responder) Split()
    {
        Span<byte> key1 = stackalloc byte[NoiseLimits.HashLength];
        Span<byte> key2 = stackalloc byte[NoiseLimits.HashLength];
        try
        {
            NoiseHash.Hkdf(_chainingKey.Span, ReadOnlySpan<byte>.Empty, key1, key2, Span<byte>.Empty);
            var c1 = new CipherState(_kind);
            var c2 = new CipherState(_kind);
            c1.InitializeKey(key1);
            c2.InitializeKey(key2);
            return (c1, c2);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key1);
            CryptographicOperations.ZeroMemory(key2);
        }
    }

    public void Dispose()
    {
        _chainingKey.Dispose();
        CryptographicOperations.ZeroMemory(_hash);
        _cipher.Dispose();
    }
}
