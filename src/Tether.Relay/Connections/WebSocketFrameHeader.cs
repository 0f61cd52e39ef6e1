namespace Tether.Relay.Connections;

/// <summary>A parsed client frame header (<see cref="WebSocketFrames"/>).</summary>
/// <param name="Opcode">One of the <see cref="WebSocketFrames"/> opcodes.</param>
/// <param name="Fin">The frame ends its message.</param>
/// <param name="PayloadLength">As the header says: untrusted until compared to a limit.</param>
/// <param name="Mask">The masking key, key byte i in bits 8i..8i+7.</param>
/// <param name="Length">The header's own length, 6 to 14 bytes.</param>
internal readonly record struct WebSocketFrameHeader(byte Opcode, bool Fin, long PayloadLength, uint Mask, int Length)
{
    public bool IsControl => Opcode >= WebSocketFrames.Close;
}
