using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// A relay link's host: DATA arrives as (device's peer id, payload), and the same bytes are exactly
/// the DATA that sends the payload back to that device. Used by the echo host process and, with
/// <c>--relay-host in-process</c>, by the load generator itself.
/// </summary>
internal static class HostEcho
{
    /// <summary>Larger than any relay control frame (WELCOME with a token is 97 bytes).</summary>
    public const int ControlFrameRoom = 128;

    /// <summary>Echoes DATA until the connection ends (disposed, or dropped by the relay).</summary>
    public static async Task RunAsync(WebSocket host, int frameBytes)
    {
        var buffer = new byte[frameBytes + ControlFrameRoom];
        try
        {
            while (true)
            {
                var length = await Messages.ReceiveAsync(host, buffer, CancellationToken.None);
                if (RelayFrames.TryReadType(buffer.AsSpan(0, length), out var type) && type == RelayFrameType.Data)
                {
                    await Messages.SendAsync(host, buffer.AsMemory(0, length), CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The link is over either way.
        }
    }
}
