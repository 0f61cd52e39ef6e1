namespace Tether.Protocol.Noise;

/// <summary>Which side of the handshake this party plays.</summary>
public enum NoiseRole
{
    /// <summary>Sends the first handshake message (the device in Tether sessions).</summary>
    Initiator,

    /// <summary>Receives the first handshake message (the host in Tether sessions).</summary>
    Responder,
}
