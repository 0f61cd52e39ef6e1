using Tether.Protocol.Noise;

namespace Tether.Client.Sessions;

/// <summary>
/// The Noise IK handshake that opens every session (docs/protocol.md §1): the device initiates and
/// pins the host's static key; the host answers devices whose static key is paired. The prologue
/// (<see cref="SessionPrologue"/>) binds it to the channel. Keeps no handshake state of its own.
/// </summary>
internal sealed class SessionHandshake
{
    private static readonly NoiseProtocol Protocol = NoiseProtocol.Parse("Noise_IK_25519_AESGCM_SHA256");

    private readonly NoiseKeyPair _localStatic;
    private readonly NoisePublicKey? _hostKey;
    private readonly Func<NoisePublicKey, bool>? _isPairedDevice;
    private readonly byte[] _prologue;

    private SessionHandshake(NoiseKeyPair localStatic, NoisePublicKey? hostKey, Func<NoisePublicKey, bool>? isPairedDevice, byte[] prologue)
    {
        _localStatic = localStatic;
        _hostKey = hostKey;
        _isPairedDevice = isPairedDevice;
        _prologue = prologue;
    }

    /// <summary>Whether this is the device's side, which initiates.</summary>
    public bool IsDevice => _hostKey is not null;

    public static SessionHandshake ForDevice(NoiseKeyPair deviceStatic, NoisePublicKey hostKey, byte[] prologue) =>
        new(deviceStatic, hostKey, null, prologue);

    public static SessionHandshake ForHost(NoiseKeyPair hostStatic, Func<NoisePublicKey, bool> isPairedDevice, byte[] prologue) =>
        new(hostStatic, null, isPairedDevice, prologue);

    /// <summary>Device: a new handshake with a fresh ephemeral key, and its message 1.</summary>
    public NoiseHandshake Start(out byte[] message1)
    {
        var handshake = NoiseHandshake.Create(Protocol, NoiseRole.Initiator, new NoiseHandshakeOptions
        {
            LocalStatic = _localStatic,
            RemoteStatic = _hostKey,
            Prologue = _prologue,
        });
        message1 = handshake.WriteMessage([]);
        return handshake;
    }

    /// <summary>Device: reads the host's message 2 and splits.</summary>
    /// <exception cref="NoiseException">Message 2 does not belong to this handshake.</exception>
    public static NoiseTransport Finish(NoiseHandshake pending, ReadOnlySpan<byte> message2)
    {
        pending.ReadMessage(message2);
        return pending.Split();
    }

    /// <summary>Host: answers a device's message 1; null, with the reason, when it is refused.</summary>
    public NoiseTransport? TryAnswer(ReadOnlySpan<byte> message1, out byte[] message2, out string refusal)
    {
        message2 = [];
        using var handshake = NoiseHandshake.Create(Protocol, NoiseRole.Responder, new NoiseHandshakeOptions
        {
            LocalStatic = _localStatic,
            Prologue = _prologue,
        });
        try
        {
            handshake.ReadMessage(message1);
            if (handshake.RemoteStatic is not { } device || !_isPairedDevice!(device))
            {
                refusal = "not a paired device";
                return null;
            }

            message2 = handshake.WriteMessage([]);
        }
        catch (NoiseException ex)
        {
            refusal = ex.GetType().Name;
            return null;
        }

        refusal = string.Empty;
        return handshake.Split();
    }
}
