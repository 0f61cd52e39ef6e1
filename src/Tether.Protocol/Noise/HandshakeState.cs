using System.Security.Cryptography;

namespace Tether.Protocol.Noise;

/// <summary>
/// HandshakeState of spec section 5.3: token processing only. Turn order, size limits and poisoning are
/// enforced by <see cref="NoiseHandshake"/>, which owns this object.
/// </summary>
internal sealed class HandshakeState : IDisposable
{
    private readonly HandshakePattern _pattern;
    private readonly NoiseRole _role;
    private readonly SymmetricState _symmetric;
    private readonly NoiseKeyPair? _s;
    private readonly NoiseKeyPair? _fixedEphemeral;
    private readonly IReadOnlyList<NoisePresharedKey> _psks;
    private NoiseKeyPair? _e;
    private NoisePublicKey? _re;
    private int _pskIndex;

    public HandshakeState(NoiseProtocol protocol, NoiseRole role, NoiseHandshakeOptions options)
    {
        _pattern = protocol.Pattern;
        _role = role;
        _s = options.LocalStatic;
        _fixedEphemeral = options.FixedEphemeral;
        _psks = options.Psks;
        RemoteStatic = options.RemoteStatic;
        _symmetric = new SymmetricState(protocol);
        _symmetric.MixHash(options.Prologue.Span);
        // Pre-message keys are hashed initiator's first, then responder's (spec section 5.3).
        MixPreMessage(NoiseRole.Initiator);
        MixPreMessage(NoiseRole.Responder);
    }

    public int MessageIndex { get; private set; }

    public NoisePublicKey? RemoteStatic { get; private set; }

    public ReadOnlySpan<byte> HandshakeHash => _symmetric.HandshakeHash;

    /// <summary>
    /// Bytes the current message adds around its payload: public keys, encrypted static keys and tags.
    /// Computed without touching state, so sizes can be checked before anything is mixed.
    /// </summary>
    public int CurrentOverhead()
    {
        bool hasKey = _symmetric.HasKey;
        int overhead = 0;
        foreach (NoiseToken token in _pattern.Messages[MessageIndex])
        {
            switch (token)
            {
                case NoiseToken.E:
                    overhead += NoiseLimits.DhLength;
                    // In PSK mode "e" also calls MixKey (spec section 9.2), which sets a key.
                    hasKey |= _pattern.IsPskMode;
                    break;
                case NoiseToken.S:
                    overhead += NoiseLimits.DhLength + (hasKey ? NoiseLimits.TagLength : 0);
                    break;
                default:
                    hasKey = true;
                    break;
            }
        }

        return overhead + (hasKey ? NoiseLimits.TagLength : 0);
    }

    public int WriteMessage(ReadOnlySpan<byte> payload, Span<byte> message)
    {
        int offset = 0;
        foreach (NoiseToken token in _pattern.Messages[MessageIndex])
        {
            switch (token)
            {
                case NoiseToken.E:
                    _e = _fixedEphemeral ?? NoiseKeyPair.Generate();
                    _e.PublicKey.Span.CopyTo(message[offset..]);
                    offset += NoiseLimits.DhLength;
                    MixEphemeral(_e.PublicKey);
                    break;
                case NoiseToken.S:
                    offset += _symmetric.EncryptAndHash(_s!.PublicKey.Span, message[offset..]);
                    break;
                default:
                    MixToken(token);
                    break;
            }
        }

        offset += _symmetric.EncryptAndHash(payload, message[offset..]);
        MessageIndex++;
        return offset;
    }

    /// <summary>Reads a message whose length the caller has already checked against <see cref="CurrentOverhead"/>.</summary>
    public int ReadMessage(ReadOnlySpan<byte> message, Span<byte> payload)
    {
        int offset = 0;
        Span<byte> staticKey = stackalloc byte[NoiseLimits.DhLength];
        foreach (NoiseToken token in _pattern.Messages[MessageIndex])
        {
            switch (token)
            {
                case NoiseToken.E:
                    _re = NoisePublicKey.FromBytes(message.Slice(offset, NoiseLimits.DhLength));
                    offset += NoiseLimits.DhLength;
                    MixEphemeral(_re);
                    break;
                case NoiseToken.S:
                    int length = NoiseLimits.DhLength + (_symmetric.HasKey ? NoiseLimits.TagLength : 0);
                    _symmetric.DecryptAndHash(message.Slice(offset, length), staticKey);
                    RemoteStatic = NoisePublicKey.FromBytes(staticKey);
                    offset += length;
                    break;
                default:
                    MixToken(token);
                    break;
            }
        }

        int written = _symmetric.DecryptAndHash(message[offset..], payload);
        MessageIndex++;
        return written;
    }

    public (CipherState Initiator, CipherState Responder) Split() => _symmetric.Split();

    public void Dispose()
    {
        // A generated ephemeral is ours; a fixed one (tests) and the static key belong to the caller.
        if (!ReferenceEquals(_e, _fixedEphemeral))
        {
            _e?.Dispose();
        }

        _symmetric.Dispose();
    }

    private void MixEphemeral(NoisePublicKey ephemeral)
    {
        _symmetric.MixHash(ephemeral.Span);
        if (_pattern.IsPskMode)
        {
            // Spec section 9.2: in PSK mode the ephemeral also seeds the key, so the PSK-derived key is
            // never used before fresh randomness is mixed in.
            _symmetric.MixKey(ephemeral.Span);
        }
    }

    private void MixToken(NoiseToken token)
    {
        if (token == NoiseToken.Psk)
        {
            _symmetric.MixKeyAndHash(_psks[_pskIndex++].Span);
            return;
        }

        bool initiator = _role == NoiseRole.Initiator;
        // Spec section 5.3: "es" is DH(e, rs) for the initiator and DH(s, re) for the responder; "se" mirrors it.
        (NoiseKeyPair? local, NoisePublicKey? remote) = token switch
        {
            NoiseToken.EE => (_e, _re),
            NoiseToken.ES => initiator ? (_e, RemoteStatic) : (_s, _re),
            NoiseToken.SE => initiator ? (_s, _re) : (_e, RemoteStatic),
            NoiseToken.SS => (_s, RemoteStatic),
            _ => throw new InvalidOperationException($"Unexpected token {token}."),
        };
        if (local is null || remote is null)
        {
            throw new InvalidOperationException($"Token {token} of pattern {_pattern.Name} has no key to use.");
        }

        Span<byte> shared = stackalloc byte[NoiseLimits.DhLength];
        try
        {
            X25519Dh.Agree(local, remote, shared);
            _symmetric.MixKey(shared);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private void MixPreMessage(NoiseRole owner)
    {
        // Only "s" occurs in supported pre-messages (PatternNotation enforces it), so each entry is a static key.
        if (_pattern.PreMessage(owner).Count > 0)
        {
            NoisePublicKey key = owner == _role ? _s!.PublicKey : RemoteStatic!;
            _symmetric.MixHash(key.Span);
        }
    }
}
