namespace Tether.Protocol.Noise;

/// <summary>
/// One Noise handshake (spec section 5.3) for one party. Not thread-safe. Any failure while reading a
/// message, or while mixing a message being written, poisons the handshake: every later call throws
/// <see cref="StatePoisonedException"/>, because the hash and keys may already hold part of that message.
/// </summary>
/// <example>
/// <code>
/// using var hs = NoiseHandshake.Create(NoiseProtocol.Parse("Noise_IK_25519_AESGCM_SHA256"), NoiseRole.Initiator,
///     new NoiseHandshakeOptions { LocalStatic = device, RemoteStatic = hostKey });
/// byte[] first = hs.WriteMessage(payload);
/// byte[] reply = hs.ReadMessage(received);
/// using NoiseTransport transport = hs.Split();
/// </code>
/// </example>
public sealed class NoiseHandshake : IDisposable
{
    private readonly HandshakeState _state;
    private byte[]? _handshakeHash;
    private bool _poisoned;
    private bool _disposed;

    private NoiseHandshake(NoiseProtocol protocol, NoiseRole role, NoiseHandshakeOptions options)
    {
        Protocol = protocol;
        Role = role;
        _state = new HandshakeState(protocol, role, options);
        RemoteStatic = options.RemoteStatic;
    }

    /// <summary>The protocol this handshake runs.</summary>
    public NoiseProtocol Protocol { get; }

    /// <summary>Our role.</summary>
    public NoiseRole Role { get; }

    /// <summary>True once every handshake message has been written or read; then call <see cref="Split"/>.</summary>
    public bool IsComplete => _handshakeHash is not null;

    /// <summary>True when the next handshake call must be <see cref="WriteMessage(ReadOnlySpan{byte})"/>.</summary>
    public bool IsMyTurn => !IsComplete && HandshakePattern.SenderOf(_state.MessageIndex) == Role;

    /// <summary>
    /// The peer's static key once known (pre-shared, or received and authenticated in a message), else null.
    /// A responder should check it against its allowed keys as soon as it appears.
    /// </summary>
    public NoisePublicKey? RemoteStatic { get; private set; }

    /// <summary>The final handshake hash h (spec section 11.2, channel binding).</summary>
    /// <exception cref="HandshakeIncompleteException">The handshake has not completed.</exception>
    public ReadOnlyMemory<byte> HandshakeHash => _handshakeHash ?? throw Errors.HandshakeIncomplete();

    /// <summary>Starts a handshake, hashing the protocol name, prologue and pre-message keys.</summary>
    /// <exception cref="MissingKeyException">A key the pattern needs, or a PSK, is missing.</exception>
    /// <exception cref="UnexpectedKeyException">A key or PSK was given that the pattern does not use.</exception>
    public static NoiseHandshake Create(NoiseProtocol protocol, NoiseRole role, NoiseHandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(options);
        HandshakeRequirements.Validate(protocol.Pattern, role, options);
        return new NoiseHandshake(protocol, role, options);
    }

    /// <summary>Length of the next message we write when its payload is <paramref name="payloadLength"/> bytes.</summary>
    public int GetMessageLength(int payloadLength)
    {
        ThrowIfUnusable(writing: true);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        long length = (long)_state.CurrentOverhead() + payloadLength;
        return length <= NoiseLimits.MaxMessageLength ? (int)length : throw Errors.MessageTooLarge(length);
    }

    /// <summary>Writes the next handshake message into <paramref name="message"/>; returns its length.</summary>
    /// <exception cref="MessageTooLargeException">The message would exceed 65,535 bytes (nothing is changed).</exception>
    /// <exception cref="WrongTurnException">It is the peer's turn.</exception>
    /// <exception cref="HandshakeCompletedException">The handshake is already complete.</exception>
    /// <exception cref="WeakPublicKeyException">A DH with the peer's keys was all zeros (handshake poisoned).</exception>
    public int WriteMessage(ReadOnlySpan<byte> payload, Span<byte> message)
    {
        int length = GetMessageLength(payload.Length);
        if (message.Length < length)
        {
            throw Errors.BufferTooSmall(nameof(message), length, message.Length);
        }

        return Guard(_state.WriteMessage, payload, message[..length]);
    }

    /// <summary>Writes the next handshake message into a new array.</summary>
    public byte[] WriteMessage(ReadOnlySpan<byte> payload)
    {
        // GetMessageLength enforces the limit before anything is allocated.
        var message = new byte[GetMessageLength(payload.Length)];
        WriteMessage(payload, message);
        return message;
    }

    /// <summary>Payload length a received message of <paramref name="messageLength"/> bytes will yield.</summary>
    /// <exception cref="MessageTooLargeException">Over 65,535 bytes (poisons).</exception>
    /// <exception cref="TruncatedMessageException">Too short for the tokens of the next message (poisons).</exception>
    public int GetPayloadLength(int messageLength)
    {
        ThrowIfUnusable(writing: false);
        int overhead = _state.CurrentOverhead();
        if (messageLength > NoiseLimits.MaxMessageLength)
        {
            _poisoned = true;
            throw Errors.MessageTooLarge(messageLength);
        }

        if (messageLength < overhead)
        {
            _poisoned = true;
            throw Errors.TruncatedMessage(messageLength, overhead);
        }

        return messageLength - overhead;
    }

    /// <summary>Reads the peer's next handshake message, writing its payload to <paramref name="payload"/>; returns the payload length.</summary>
    /// <exception cref="DecryptionFailedException">A tag did not verify (poisons).</exception>
    /// <exception cref="TruncatedMessageException">The message is too short (poisons).</exception>
    /// <exception cref="MessageTooLargeException">The message is over 65,535 bytes (poisons).</exception>
    /// <exception cref="WeakPublicKeyException">The peer sent a low-order key (poisons).</exception>
    /// <exception cref="WrongTurnException">It is our turn to write.</exception>
    public int ReadMessage(ReadOnlySpan<byte> message, Span<byte> payload)
    {
        int payloadLength = GetPayloadLength(message.Length);
        if (payload.Length < payloadLength)
        {
            throw Errors.BufferTooSmall(nameof(payload), payloadLength, payload.Length);
        }

        return Guard(_state.ReadMessage, message, payload[..payloadLength]);
    }

    /// <summary>Reads the peer's next handshake message and returns its payload.</summary>
    public byte[] ReadMessage(ReadOnlySpan<byte> message)
    {
        var payload = new byte[GetPayloadLength(message.Length)];
        ReadMessage(message, payload);
        return payload;
    }

    /// <summary>
    /// Split() of spec section 5.2: derives the transport keys and disposes this handshake's secrets.
    /// Call once, after <see cref="IsComplete"/>.
    /// </summary>
    /// <exception cref="HandshakeIncompleteException">The handshake has not completed.</exception>
    public NoiseTransport Split()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_poisoned)
        {
            throw Errors.Poisoned();
        }

        byte[] hash = _handshakeHash ?? throw Errors.HandshakeIncomplete();
        (CipherState c1, CipherState c2) = _state.Split();
        var transport = NoiseTransport.Create(Role, c1, c2, Protocol.IsOneWay, hash, RemoteStatic);
        Dispose();
        return transport;
    }

    /// <summary>Zeroes the handshake's chaining key, hash and ephemeral key. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _state.Dispose();
        }
    }

    private delegate int SpanAction(ReadOnlySpan<byte> input, Span<byte> output);

    private int Guard(SpanAction action, ReadOnlySpan<byte> input, Span<byte> output)
    {
        int written;
        try
        {
            written = action(input, output);
        }
        catch
        {
            _poisoned = true;
            throw;
        }

        RemoteStatic = _state.RemoteStatic;
        if (_state.MessageIndex == Protocol.Pattern.Messages.Count)
        {
            _handshakeHash = _state.HandshakeHash.ToArray();
        }

        return written;
    }

    private void ThrowIfUnusable(bool writing)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_poisoned)
        {
            throw Errors.Poisoned();
        }

        if (IsComplete)
        {
            throw Errors.HandshakeCompleted();
        }

        if (IsMyTurn != writing)
        {
            throw Errors.WrongTurn(writing);
        }
    }
}
