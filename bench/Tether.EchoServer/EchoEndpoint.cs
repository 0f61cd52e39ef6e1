using System.Buffers;
using System.Net.WebSockets;

namespace Tether.EchoServer;

/// <summary>
/// Accepts a WebSocket and echoes each binary message back whole. Built like a careful relay would
/// be, so the baseline is honest: an idle connection holds no receive buffer (it waits with a
/// zero-byte read), and a message is read into a pooled buffer that goes back as soon as it is sent.
/// </summary>
internal static class EchoEndpoint
{
    /// <summary>
    /// The largest message echoed: the relay's largest frame (docs/protocol.md §7.3,
    /// <c>RelayFrames.MaxFrame</c>), so both targets accept the same traffic.
    /// </summary>
    private const int MaxMessage = 65_540;

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await EchoAsync(socket, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The load generator drops idle connections without a close handshake; that is normal here.
        }
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancel)
    {
        while (true)
        {
            // Waits for the next frame header without holding a buffer.
            var head = await socket.ReceiveAsync(Memory<byte>.Empty, cancel);
            if (head.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel);
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(MaxMessage);
            try
            {
                var length = 0;
                var end = head.EndOfMessage;
                while (!end)
                {
                    if (length == MaxMessage)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, null, cancel);
                        return;
                    }

                    var part = await socket.ReceiveAsync(buffer.AsMemory(length, MaxMessage - length), cancel);
                    length += part.Count;
                    end = part.EndOfMessage;
                }

                await socket.SendAsync(buffer.AsMemory(0, length), head.MessageType, endOfMessage: true, cancel);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
