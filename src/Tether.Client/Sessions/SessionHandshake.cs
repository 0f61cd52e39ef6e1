using Tether.Protocol.Noise;

namespace Tether.Client.Sessions;

/// <summary>
/// The Noise IK handshake that opens every session (docs/protocol.md §1, §9): the device initiates and
/// pins the host's static key, naming the stream it wants resumed; the host reads the device's key and
/// wish, decides, and answers with the stream it gets. The prologue (<see cref="SessionPrologue"/>)
/// binds it to the channel. Keeps no handshake state of its own.
/// </summary>
internal sealed class SessionHandshake
{
    private static readonly NoiseProtocol Protocol = NoiseProtocol.Parse("Noise_IK_25519_AESGCM_SHA256");

    private readonly NoiseKeyPair _localStatic;
    private readonly NoisePublicKey? _hostKey;
    private readonly byte[] _prologue;

    private SessionHandshake(NoiseKeyPair localStatic, NoisePublicKey? hostKey, byte[] prologue)
    {
        _localStatic = localStatic;
        _hostKey = hostKey;
        _prologue = prologue;
    }

    /// <summary>IK message 2 with its payload: e (32) ‖ payload (18) ‖ tag (16). Anything else is not an answer.</summary>
    public static int SecondMessageLength => 32 + HandshakePayload.SecondLength + 16;

    /// <summary>Whether this is the device's side, which initiates.</summary>
    public bool IsDevice => _hostKey is not null;

    /// <summary>The host's pinned key (device side).</summary>
    public NoisePublicKey? HostKey => _hostKey;

    public static SessionHandshake ForDevice(NoiseKeyPair deviceStatic, NoisePublicKey hostKey, byte[] prologue) =>
        new(deviceStatic, hostKey, prologue);

    public static SessionHandshake ForHost(NoiseKeyPair hostStatic, byte[] prologue) =>
        new(hostStatic, null, prologue);

    /// <summary>Device: a new handshake with a fresh ephemeral key, and its message 1 naming <paramref name="requested"/>.</summary>
    public NoiseHandshake Start(StreamId requested, out byte[] message1)
    {
        var handshake = NoiseHandshake.Create(Protocol, NoiseRole.Initiator, new NoiseHandshakeOptions
        {
            LocalStatic = _localStatic,
            RemoteStatic = _hostKey,
            Prologue = _prologue,
        });
        message1 = handshake.WriteMessage(HandshakePayload.First(requested));
        return handshake;
    }

    /// <summary>Device: reads the host's message 2 and splits; null when its payload is malformed.</summary>
    /// <exception cref="NoiseException">Message 2 does not belong to this handshake.</exception>
    public static NoiseTransport? Finish(NoiseHandshake pending, ReadOnlySpan<byte> message2, out StreamId stream, out bool resumed)
    {
        var payload = pending.ReadMessage(message2);
        if (!HandshakePayload.TryReadSecond(payload, out stream, out resumed))
        {
            return null;
        }

        return pending.Split();
    }

    /// <summary>
    /// Host: reads a device's message 1; null when it is not a valid message 1 (the caller then checks
    /// the device key and decides on the stream before <see cref="Answer"/>).
    /// </summary>
    public NoiseHandshake? TryRead(ReadOnlySpan<byte> message1, out NoisePublicKey? device, out StreamId requested)
    {
        (device, requested) = (null, default);
        var handshake = NoiseHandshake.Create(Protocol, NoiseRole.Responder, new NoiseHandshakeOptions
        {
            LocalStatic = _localStatic,
            Prologue = _prologue,
        });
        try
        {
            var payload = handshake.ReadMessage(message1);
            if (handshake.RemoteStatic is { } key && HandshakePayload.TryReadFirst(payload, out requested))
            {
                device = key;
                return handshake;
            }
        }
        catch (NoiseException)
        {
            // Not a message 1 of this channel and host: refused below.
        }

        handshake.Dispose();
        return null;
    }

    /// <summary>Host: answers with the stream the device gets, and splits.</summary>
    public static NoiseTransport Answer(NoiseHandshake handshake, StreamId stream, bool resumed, out byte[] message2)
    {
        message2 = handshake.WriteMessage(HandshakePayload.Second(stream, resumed));
        return handshake.Split();
    }
}
