using Tether.Protocol.Relay;

namespace Tether.Relay.Auth;

/// <summary>Who a verified HELLO speaks for.</summary>
/// <param name="Role">The role it proved.</param>
/// <param name="Subject">A device's subject, the channel id for a host, a slot's verifier prefix for pairing.</param>
/// <param name="Horizon">Unix seconds no token of this connection may outlive (0 for pairing: no tokens).</param>
internal readonly record struct Admission(RelayRole Role, RelayId Subject, ulong Horizon);
