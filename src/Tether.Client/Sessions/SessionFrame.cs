namespace Tether.Client.Sessions;

/// <summary>A frame for the relay: a handshake message or a sealed record, with the session it belongs to.</summary>
/// <param name="PeerId">The relay peer it goes to (0 from a device).</param>
/// <param name="Payload">The Noise message.</param>
/// <param name="Session">The session that fails if it cannot be sent; null for a device's message 1.</param>
internal readonly record struct SessionFrame(uint PeerId, byte[] Payload, RecordSession? Session);
