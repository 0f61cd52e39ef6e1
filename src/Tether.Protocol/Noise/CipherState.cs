using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>
/// CipherState of spec section 5.1: a key k (possibly empty) and a 64-bit nonce n. A failed decryption
/// poisons it: every later call throws <see cref="StatePoisonedException"/>.
/// </summary>
internal sealed class CipherState : IDisposable
{
    /// <summary>Spec section 5.1: nonce 2^64-1 is reserved (Rekey uses it), so it is never used for a message.</summary>
    public const ulong ReservedNonce = ulong.MaxValue;

    private readonly CipherKind _kind;
    private NoiseAead? _aead;
    private ulong _nonce;
    private bool _poisoned;
    private bool _disposed;

    public CipherState(CipherKind kind)
    {
        _kind = kind;
    }

    public bool HasKey => _aead is not null;

    public ulong Nonce => _nonce;

    public bool IsPoisoned => _poisoned;

    /// <summary>InitializeKey(key): sets k and resets n to zero.</summary>
    public void InitializeKey(ReadOnlySpan<byte> key)
    {
        ThrowIfUnusable();
        ReplaceKey(key);
        _nonce = 0;
    }

    /// <summary>SetNonce(nonce) of spec section 5.1; also the test hook for nonce exhaustion.</summary>
    public void SetNonce(ulong nonce)
    {
        ThrowIfUnusable();
        _nonce = nonce;
    }

    /// <summary>EncryptWithAd: with no key the plaintext is copied through (handshake before any DH). Returns bytes written.</summary>
    public int EncryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        ThrowIfUnusable();
        if (_aead is null)
        {
            plaintext.CopyTo(ciphertext);
            return plaintext.Length;
        }

        ThrowIfNonceExhausted();
        _aead.Encrypt(_nonce, ad, plaintext, ciphertext);
        _nonce++;
        return plaintext.Length + NoiseLimits.TagLength;
    }

    /// <summary>DecryptWithAd: throws and poisons on a bad tag; n only advances on success. Returns bytes written.</summary>
    public int DecryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        ThrowIfUnusable();
        if (_aead is null)
        {
            ciphertext.CopyTo(plaintext);
            return ciphertext.Length;
        }

        ThrowIfNonceExhausted();
        if (ciphertext.Length < NoiseLimits.TagLength)
        {
            _poisoned = true;
            throw Errors.TruncatedMessage(ciphertext.Length, NoiseLimits.TagLength);
        }

        if (!_aead.TryDecrypt(_nonce, ad, ciphertext, plaintext))
        {
            _poisoned = true;
            throw Errors.DecryptionFailed();
        }

        _nonce++;
        return ciphertext.Length - NoiseLimits.TagLength;
    }

    /// <summary>
    /// Rekey() of spec sections 4.2 and 11.3: k = first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero
    /// bytes). n is left unchanged, so both sides rekey at agreed points without renegotiating nonces.
    /// </summary>
    public void Rekey()
    {
        ThrowIfUnusable();
        if (_aead is null)
        {
            throw new InvalidOperationException("Rekey needs a key.");
        }

        Span<byte> zeros = stackalloc byte[NoiseLimits.KeyLength];
        zeros.Clear();
        Span<byte> output = stackalloc byte[NoiseLimits.KeyLength + NoiseLimits.TagLength];
        try
        {
            _aead.Encrypt(ReservedNonce, ReadOnlySpan<byte>.Empty, zeros, output);
            ReplaceKey(output[..NoiseLimits.KeyLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(output);
        }
    }

    public void Dispose()
    {
        _aead?.Dispose();
        _aead = null;
        _disposed = true;
    }

    private void ReplaceKey(ReadOnlySpan<byte> key)
    {
        var next = NoiseAead.Create(_kind, key);
        _aead?.Dispose();
        _aead = next;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_poisoned)
        {
            throw Errors.Poisoned();
        }
    }

    private void ThrowIfNonceExhausted()
    {
        if (_nonce == ReservedNonce)
        {
            throw Errors.NonceExhausted();
        }
    }
}
