namespace Tether.Protocol.Relay;

/// <summary>
/// The fields of a verified connect token (docs/protocol.md §7.2). Tokens are made and checked by
/// <see cref="ConnectTokenIssuer"/>; this type only carries what one said.
/// </summary>
/// <param name="KeyId">Which relay key signed it.</param>
/// <param name="Role">Host or device; pairing never gets a token.</param>
/// <param name="Channel">The one channel it opens.</param>
/// <param name="Subject">The device's subject, or the channel id for a host.</param>
/// <param name="Expires">Unix seconds.</param>
/// <param name="Horizon">Unix seconds after which no refreshed token may expire.</param>
public readonly record struct ConnectToken(byte KeyId, RelayRole Role, RelayId Channel, RelayId Subject, ulong Expires, ulong Horizon)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 83;
}
