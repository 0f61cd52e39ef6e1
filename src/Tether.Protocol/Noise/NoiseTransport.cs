namespace Tether.Protocol.Noise;

/// <summary>
/// The transport phase (spec section 5): one CipherState per direction from Split(). Not thread-safe.
/// Messages must be decrypted in the order they were encrypted; a failed decryption poisons the whole
/// transport (both directions), because a modified, replayed or reordered message means the channel is
/// under attack and must be dropped (architecture invariant 2).
/// </summary>
public sealed class NoiseTransport : IDisposable
{
    private readonly CipherState? _send;
    private readonly CipherState? _receive;
    private readonly byte[] _handshakeHash;
    private bool _poisoned;
    private bool _disposed;

    private NoiseTransport(CipherState? send, CipherState? receive, byte[] handshakeHash, NoisePublicKey? remoteStatic)
    {
        _send = send;
        _receive = receive;
        _handshakeHash = handshakeHash;
        RemoteStatic = remoteStatic;
    }

    /// <summary>The handshake hash h, unique to this session (spec section 11.2); e.g. input to the pairing SAS.</summary>
    public ReadOnlyMemory<byte> HandshakeHash => _handshakeHash;

    /// <summary>The peer's authenticated static key, or null when the pattern has none (e.g. NN, or N on the responder).</summary>
    public NoisePublicKey? RemoteStatic { get; }

    internal CipherState? SendCipher => _send;

    internal CipherState? ReceiveCipher => _receive;

    /// <summary>Encrypts <paramref name="payload"/> into <paramref name="message"/> (payload + 16 bytes); returns the message length.</summary>
    /// <exception cref="MessageTooLargeException">The payload exceeds 65,519 bytes.</exception>
    /// <exception cref="NonceExhaustedException">2^64-1 messages were sent; start a new session.</exception>
    /// <exception cref="OneWayTransportException">This is the responder of a one-way pattern.</exception>
    public int Encrypt(ReadOnlySpan<byte> payload, Span<byte> message)
    {
        CipherState send = SendState();
        int length = MessageLength(payload.Length);
        if (message.Length < length)
        {
            throw Errors.BufferTooSmall(nameof(message), length, message.Length);
        }

        return send.EncryptWithAd(ReadOnlySpan<byte>.Empty, payload, message);
    }

    /// <summary>Encrypts <paramref name="payload"/> into a new array.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> payload)
    {
        SendState();
        var message = new byte[MessageLength(payload.Length)];
        Encrypt(payload, message);
        return message;
    }

    /// <summary>Decrypts <paramref name="message"/> into <paramref name="payload"/>; returns the payload length.</summary>
    /// <exception cref="DecryptionFailedException">Bad tag (poisons the transport; nothing is returned).</exception>
    /// <exception cref="TruncatedMessageException">Shorter than a tag (poisons).</exception>
    /// <exception cref="MessageTooLargeException">Over 65,535 bytes (poisons).</exception>
    /// <exception cref="StatePoisonedException">An earlier message failed.</exception>
    public int Decrypt(ReadOnlySpan<byte> message, Span<byte> payload)
    {
        int length = PayloadLength(message.Length);
        if (payload.Length < length)
        {
            throw Errors.BufferTooSmall(nameof(payload), length, payload.Length);
        }

        try
        {
            return ReceiveState().DecryptWithAd(ReadOnlySpan<byte>.Empty, message, payload);
        }
        catch (NoiseException)
        {
            _poisoned = true;
            throw;
        }
    }

    /// <summary>Decrypts <paramref name="message"/> and returns the payload.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> message)
    {
        var payload = new byte[PayloadLength(message.Length)];
        Decrypt(message, payload);
        return payload;
    }

    /// <summary>Rekeys the sending direction (spec section 11.3). The peer must call <see cref="RekeyReceive"/> at the same point.</summary>
    public void RekeySend() => SendState().Rekey();

    /// <summary>Rekeys the receiving direction (spec section 11.3), matching the peer's <see cref="RekeySend"/>.</summary>
    public void RekeyReceive() => ReceiveState().Rekey();

    /// <summary>Disposes both cipher states and their keys.</summary>
    public void Dispose()
    {
        _disposed = true;
        _send?.Dispose();
        _receive?.Dispose();
    }

    /// <summary>Wires Split()'s c1 (initiator to responder) and c2 (responder to initiator) for <paramref name="role"/>.</summary>
    internal static NoiseTransport Create(NoiseRole role, CipherState c1, CipherState c2, bool oneWay, byte[] hash, NoisePublicKey? remoteStatic)
    {
        CipherState? reverse = c2;
        if (oneWay)
        {
            // Spec section 5.3: after a one-way handshake only c1 is used; c2 is discarded.
            c2.Dispose();
            reverse = null;
        }

        return role == NoiseRole.Initiator
            ? new NoiseTransport(c1, reverse, hash, remoteStatic)
            : new NoiseTransport(reverse, c1, hash, remoteStatic);
    }

    private static int MessageLength(int payloadLength)
    {
        long length = (long)payloadLength + NoiseLimits.TagLength;
        return length <= NoiseLimits.MaxMessageLength ? (int)length : throw Errors.MessageTooLarge(length);
    }

    private int PayloadLength(int messageLength)
    {
        ReceiveState();
        if (messageLength > NoiseLimits.MaxMessageLength)
        {
            _poisoned = true;
            throw Errors.MessageTooLarge(messageLength);
        }

        if (messageLength < NoiseLimits.TagLength)
        {
            _poisoned = true;
            throw Errors.TruncatedMessage(messageLength, NoiseLimits.TagLength);
        }

        return messageLength - NoiseLimits.TagLength;
    }

    private CipherState SendState()
    {
        ThrowIfUnusable();
        return _send ?? throw Errors.OneWay(sending: true);
    }

    private CipherState ReceiveState()
    {
        ThrowIfUnusable();
        return _receive ?? throw Errors.OneWay(sending: false);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_poisoned)
        {
            throw Errors.Poisoned();
        }
    }
}
