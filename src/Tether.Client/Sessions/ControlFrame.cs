using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>A host frame that is not a record: a KICK, or (no reason) an empty DATA saying "start over" (§9).</summary>
/// <param name="PeerId">The peer it concerns.</param>
/// <param name="KickReason">The KICK's reason; null for the empty DATA.</param>
internal readonly record struct ControlFrame(uint PeerId, RelayCloseReason? KickReason);
