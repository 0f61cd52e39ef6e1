using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Tether.Relay.Connections;

/// <summary>
/// Reads one WebSocket message into a buffer without ever reading past a limit: the size is known
/// to be over the limit after limit + 1 bytes, before anything more is read or allocated.
/// </summary>
internal static class MessageReader
{
    /// <summary>
    /// Waits for the next message without holding a buffer: a zero-byte read returns once a frame
    /// header has arrived (control frames such as pings are answered inside it).
    /// </summary>
    public static ValueTask<ValueWebSocketReceiveResult> WaitAsync(WebSocket socket) =>
        socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);

    /// <summary>
    /// Reads the rest of a frame whose header <paramref name="head"/> announced into a buffer from
    /// <paramref name="pool"/>: a small one first, a large one only if the frame outgrows it. Returns
    /// the buffer (now the caller's) and the frame's length, or (null, -1) if the frame is longer than
    /// <see cref="RelayLimits.MaxFrame"/>: the rest is left unread, and no buffer is held.
    /// </summary>
    /// <remarks>
    /// Pooled state machine: a frame that arrives in pieces suspends this method, and a fresh box per
    /// frame would be the hot path's only allocation.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(byte[]? Buffer, int Length)> ReadFrameAsync(WebSocket socket, ValueWebSocketReceiveResult head, FrameBufferPool pool)
    {
        const int Limit = RelayLimits.MaxFrame;
        var buffer = pool.RentSmall();
        try
        {
            var length = head.Count;
            var result = head;
            while (!result.EndOfMessage)
            {
                if (length > Limit)
                {
                    pool.Return(buffer);
                    return (null, -1);
                }

                if (length == buffer.Length)
                {
                    // Outgrew the small buffer: the one copy a large frame pays (see FrameBufferPool).
                    var large = pool.RentLarge();
                    buffer.AsSpan(0, length).CopyTo(large);
                    pool.Return(buffer);
                    buffer = large;
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, Limit + 1) - length), CancellationToken.None).ConfigureAwait(false);
                length += result.Count;
            }

            if (length > Limit)
            {
                pool.Return(buffer);
                return (null, -1);
            }

            return (buffer, length);
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Reads the rest of a message whose header <paramref name="head"/> announced. Returns its length,
    /// or -1 if it is longer than <paramref name="limit"/> (the rest is left unread).
    /// </summary>
    /// <remarks><paramref name="buffer"/> holds at least <paramref name="limit"/> + 1 bytes.</remarks>
    public static async ValueTask<int> ReadAsync(WebSocket socket, ValueWebSocketReceiveResult head, byte[] buffer, int limit)
    {
        var length = head.Count;
        var result = head;
        while (!result.EndOfMessage)
        {
            if (length > limit)
            {
                return -1;
            }

            result = await socket.ReceiveAsync(buffer.AsMemory(length, limit + 1 - length), CancellationToken.None).ConfigureAwait(false);
            length += result.Count;
        }

        return length > limit ? -1 : length;
    }

    /// <summary>Reads and drops the rest of the current message (a closing connection's). True if the client's close came.</summary>
    public static async ValueTask<bool> DiscardAsync(WebSocket socket, ValueWebSocketReceiveResult head)
    {
        var result = head;
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close)
            {
                result = await socket.ReceiveAsync(scratch.AsMemory(), CancellationToken.None).ConfigureAwait(false);
            }

            return result.MessageType == WebSocketMessageType.Close;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
