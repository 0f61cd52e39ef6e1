using System.Net.WebSockets;

namespace Tether.LoadGen.Targets;

/// <summary>Whole-message reads: a WebSocket may hand a message over in several pieces.</summary>
internal static class Messages
{
    /// <summary>Reads one binary message into <paramref name="buffer"/> and returns its length.</summary>
    public static async ValueTask<int> ReceiveAsync(WebSocket socket, Memory<byte> buffer, CancellationToken cancel)
    {
        var length = 0;
        while (true)
        {
            var part = await socket.ReceiveAsync(buffer[length..], cancel);
            if (part.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(
                    $"the target closed the connection: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            length += part.Count;
            if (part.EndOfMessage)
            {
                return length;
            }

            if (length == buffer.Length)
            {
                throw new WebSocketException($"a message longer than {buffer.Length} bytes arrived");
            }
        }
    }

    public static ValueTask SendAsync(WebSocket socket, ReadOnlyMemory<byte> message, CancellationToken cancel) =>
        socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancel);

    /// <summary>Throws unless an echoed message has the length that was sent.</summary>
    public static void ExpectLength(int received, int expected)
    {
        if (received != expected)
        {
            throw new InvalidDataException($"expected a {expected}-byte echo, got {received} bytes");
        }
    }
}
