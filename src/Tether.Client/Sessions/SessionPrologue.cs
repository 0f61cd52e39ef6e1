using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>
/// The session prologue of docs/protocol.md §1.1: <c>"tether/1 session" ‖ channel id</c>, so a
/// handshake recorded on one channel cannot be replayed on another.
/// </summary>
internal static class SessionPrologue
{
    private static ReadOnlySpan<byte> Label => "tether/1 session"u8;

    public static byte[] For(RelayId channel)
    {
        var prologue = new byte[Label.Length + RelayId.Length];
        Label.CopyTo(prologue);
        channel.WriteTo(prologue.AsSpan(Label.Length));
        return prologue;
    }
}
