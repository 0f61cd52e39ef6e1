namespace Tether.Protocol.Noise;

/// <summary>
/// Inputs of a handshake (spec section 5.3, Initialize). Keys are borrowed: the caller keeps ownership and
/// must not dispose them before the handshake completes. Keys the pattern does not use are refused with
/// <see cref="UnexpectedKeyException"/>, so a caller never believes a key is pinned when it is not.
/// </summary>
public sealed class NoiseHandshakeOptions
{
    /// <summary>Data both sides must agree on, hashed into the handshake (spec section 6). Default: empty.</summary>
    public ReadOnlyMemory<byte> Prologue { get; init; }

    /// <summary>Our static key pair; required when the pattern sends or pre-shares our static key.</summary>
    public NoiseKeyPair? LocalStatic { get; init; }

    /// <summary>The peer's static key known in advance (pre-message); for IK this is the pinned host key.</summary>
    public NoisePublicKey? RemoteStatic { get; init; }

    /// <summary>One PSK per psk token, in the order they occur in the handshake. Default: none.</summary>
    public IReadOnlyList<NoisePresharedKey> Psks { get; init; } = [];

    /// <summary>
    /// Test only: a fixed ephemeral key pair, for reproducing published vectors. Internal so production
    /// callers cannot reuse ephemerals, which would break forward secrecy.
    /// </summary>
    internal NoiseKeyPair? FixedEphemeral { get; init; }
}
