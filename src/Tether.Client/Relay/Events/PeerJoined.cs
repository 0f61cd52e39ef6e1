using Tether.Protocol.Relay;

namespace Tether.Client.Relay.Events;

/// <summary>Host only: a device or pairing peer was welcomed on the channel.</summary>
/// <param name="PeerId">Its peer id, to address DATA and KICK.</param>
/// <param name="Role">Device or pairing.</param>
/// <param name="Subject">A device's subject (SHA-256 of its access key, first 16 bytes).</param>
public sealed record PeerJoined(uint PeerId, RelayRole Role, RelayId Subject) : RelayEvent;
