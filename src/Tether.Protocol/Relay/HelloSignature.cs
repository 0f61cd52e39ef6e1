namespace Tether.Protocol.Relay;

/// <summary>
/// What a host or device signs to answer a CHALLENGE (docs/protocol.md §7.3): the relay's fresh nonce
/// binds the proof to this one connection, so a recorded proof is worth nothing.
/// </summary>
internal static class HelloSignature
{
    public const int NonceLength = 32;

    /// <summary><c>"tether/1 relay-hello" ‖ nonce ‖ channel id ‖ role</c>.</summary>
    public static byte[] Message(ReadOnlySpan<byte> nonce, RelayId channel, RelayRole role)
    {
        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException($"A CHALLENGE nonce is {NonceLength} bytes.", nameof(nonce));
        }

        return RelayDomain.Concat(RelayDomain.Hello, nonce.ToArray(), channel.ToArray(), [(byte)role]);
    }
}
