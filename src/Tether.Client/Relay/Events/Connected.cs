namespace Tether.Client.Relay.Events;

/// <summary>The relay welcomed this connection (docs/protocol.md §7.3 WELCOME).</summary>
/// <param name="PeerId">This connection's peer id on the node that holds it; changes on every reconnect.</param>
/// <param name="HostOnline">For a device or pairing peer: whether the channel's host is connected now.</param>
public sealed record Connected(uint PeerId, bool HostOnline) : RelayEvent;
