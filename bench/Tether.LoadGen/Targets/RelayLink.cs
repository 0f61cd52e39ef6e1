using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// One channel of the relay with the load generator as its host and its device; see
/// <see cref="RelayTarget"/>. The host runs its own loop that sends every DATA straight back.
/// </summary>
internal sealed class RelayLink : ILink
{
    /// <summary>Larger than any relay control frame (WELCOME with a token is 97 bytes).</summary>
    private const int ControlFrameRoom = 128;

    private readonly ClientWebSocket _host;
    private readonly ClientWebSocket _device;
    private readonly byte[] _frame;
    private readonly byte[] _receiveBuffer;
    private readonly Task _hostEcho;

    public RelayLink(ClientWebSocket host, ClientWebSocket device, int payloadBytes)
    {
        _host = host;
        _device = device;

        // From a device the peer id is always 0: the host is the only other end.
        _frame = new byte[RelayFrames.DataHeaderLength + payloadBytes];
        Random.Shared.NextBytes(_frame);
        RelayFrames.WriteDataHeader(_frame, peerId: 0);

        // Room for the echo and any control frame; sized to the frame, not to the largest possible
        // one, so that ten thousand idle connections do not cost the load generator gigabytes.
        _receiveBuffer = new byte[_frame.Length + ControlFrameRoom];
        _hostEcho = Task.Run(EchoAsHostAsync);
    }

    public ValueTask SendAsync(CancellationToken cancel) => Messages.SendAsync(_device, _frame, cancel);

    public async ValueTask ReceiveAsync(CancellationToken cancel)
    {
        while (true)
        {
            var length = await Messages.ReceiveAsync(_device, _receiveBuffer, cancel);
            if (RelayFrames.TryReadType(_receiveBuffer.AsSpan(0, length), out var type) && type == RelayFrameType.Data)
            {
                Messages.ExpectLength(length, _frame.Length);
                return;
            }

            // Presence frames (HOST_ONLINE and the like) carry nothing the benchmark needs.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Aborts, not close handshakes; see EchoLink.DisposeAsync.
        _device.Dispose();
        _host.Dispose();
        await _hostEcho;
    }

    /// <summary>
    /// The host's side: DATA arrives as (device's peer id, payload), and the same bytes are exactly
    /// the DATA that sends the payload back to that device.
    /// </summary>
    private async Task EchoAsHostAsync()
    {
        var buffer = new byte[_frame.Length + ControlFrameRoom];
        try
        {
            while (true)
            {
                var length = await Messages.ReceiveAsync(_host, buffer, CancellationToken.None);
                if (RelayFrames.TryReadType(buffer.AsSpan(0, length), out var type) && type == RelayFrameType.Data)
                {
                    await Messages.SendAsync(_host, buffer.AsMemory(0, length), CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The link was disposed, or the relay dropped the host: either way the device must not
            // wait for an echo that will never come.
            _device.Abort();
        }
    }
}
