using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// Fresh random keys for both parties plus helpers that create handshakes with exactly the keys a
/// pattern needs and drive them to completion.
/// </summary>
internal sealed class SessionKit : IDisposable
{
    public NoiseKeyPair InitiatorStatic { get; } = NoiseKeyPair.Generate();

    public NoiseKeyPair ResponderStatic { get; } = NoiseKeyPair.Generate();

    public NoisePresharedKey Psk { get; } = NoisePresharedKey.Generate();

    public NoiseHandshake Initiator(string protocolName, NoisePublicKey? pinnedResponder = null, NoisePresharedKey? psk = null) =>
        Create(protocolName, NoiseRole.Initiator, InitiatorStatic, pinnedResponder ?? ResponderStatic.PublicKey, psk ?? Psk);

    public NoiseHandshake Responder(string protocolName, NoisePresharedKey? psk = null) =>
        Create(protocolName, NoiseRole.Responder, ResponderStatic, InitiatorStatic.PublicKey, psk ?? Psk);

    /// <summary>Runs the handshake with small payloads and returns the transports (initiator, responder).</summary>
    public static (NoiseTransport Initiator, NoiseTransport Responder) Complete(NoiseHandshake initiator, NoiseHandshake responder)
    {
        while (!initiator.IsComplete)
        {
            (NoiseHandshake writer, NoiseHandshake reader) = initiator.IsMyTurn ? (initiator, responder) : (responder, initiator);
            byte[] payload = [1, 2, 3];
            Assert.Equal(payload, reader.ReadMessage(writer.WriteMessage(payload)));
        }

        Assert.True(responder.IsComplete);
        return (initiator.Split(), responder.Split());
    }

    public (NoiseTransport Initiator, NoiseTransport Responder) CompleteFresh(string protocolName)
    {
        using NoiseHandshake initiator = Initiator(protocolName);
        using NoiseHandshake responder = Responder(protocolName);
        return Complete(initiator, responder);
    }

    public void Dispose()
    {
        InitiatorStatic.Dispose();
        ResponderStatic.Dispose();
        Psk.Dispose();
    }

    /// <summary>Passes only the keys the pattern uses, since the handshake refuses extra ones.</summary>
    private static NoiseHandshake Create(string protocolName, NoiseRole role, NoiseKeyPair local, NoisePublicKey remote, NoisePresharedKey psk)
    {
        NoiseProtocol protocol = NoiseProtocol.Parse(protocolName);
        return NoiseHandshake.Create(protocol, role, new NoiseHandshakeOptions
        {
            LocalStatic = protocol.Pattern.NeedsLocalStatic(role) ? local : null,
            RemoteStatic = protocol.Pattern.NeedsRemoteStatic(role) ? remote : null,
            Psks = Enumerable.Repeat(psk, protocol.PskCount).ToList(),
        });
    }
}
