namespace Tether.Client.Relay.Events;

/// <summary>A DATA frame: one Noise message from a peer.</summary>
/// <param name="PeerId">The sender's peer id for a host; always 0 for a device or pairing peer (the host).</param>
/// <param name="Payload">The Noise message, the client's own copy.</param>
public sealed record DataReceived(uint PeerId, ReadOnlyMemory<byte> Payload) : RelayEvent;
