using Tether.Protocol.Noise;

namespace Tether.Client.Sessions.Events;

/// <summary>
/// A handshake completed and records flow. On the host this is "a device connected": a new stream
/// (<paramref name="Resumed"/> false) needs whatever state the application sends a new device.
/// </summary>
/// <param name="Stream">The stream the session carries.</param>
/// <param name="Resumed">Whether it continues a stream (nothing lost or repeated) rather than starting one.</param>
/// <param name="PeerKey">The peer's authenticated static key: the device's on the host, the host's on a device.</param>
/// <param name="PeerId">The relay peer id of the device's connection (0 on a device).</param>
public sealed record SessionEstablished(StreamId Stream, bool Resumed, NoisePublicKey PeerKey, uint PeerId) : SessionEvent;
