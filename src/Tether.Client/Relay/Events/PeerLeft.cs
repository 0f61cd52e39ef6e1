using Tether.Protocol.Relay;

namespace Tether.Client.Relay.Events;

/// <summary>Host only: a peer's connection ended.</summary>
/// <param name="PeerId">Its peer id (no longer addressable).</param>
/// <param name="Reason">Why it ended.</param>
public sealed record PeerLeft(uint PeerId, RelayCloseReason Reason) : RelayEvent;
