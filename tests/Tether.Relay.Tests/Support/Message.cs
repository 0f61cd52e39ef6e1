using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.Relay.Tests.Support;

/// <summary>What a test client got: a binary frame, or the relay's close (code and reason), or the connection's loss.</summary>
internal sealed record Message(byte[]? Frame, WebSocketCloseStatus? CloseStatus, string? CloseDescription, bool Lost = false)
{
    public RelayFrameType? Type => Frame is { Length: > 0 } f ? (RelayFrameType)f[0] : null;

    public override string ToString() =>
        Frame is not null ? $"frame {Type} ({Frame.Length} bytes)" : Lost ? "connection lost" : $"close {(int?)CloseStatus} {CloseDescription}";
}
