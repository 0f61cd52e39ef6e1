using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// One channel of the relay: the load generator's device and a host that sends every DATA straight
/// back, either in the echo host process (<see cref="EchoHosts"/>, the default) or, with
/// <c>--relay-host in-process</c>, in a loop of the load generator's own; see <see cref="RelayTarget"/>.
/// </summary>
internal sealed class RelayLink : ILink
{
    private readonly ClientWebSocket? _host;
    private readonly ClientWebSocket _device;
    private readonly byte[] _frame;
    private readonly byte[] _receiveBuffer;
    private readonly Task _hostEcho = Task.CompletedTask;
    private readonly Func<Task>? _releaseHost;

    /// <summary>A link whose host is <paramref name="host"/> in this process, or (null) elsewhere, let go by <paramref name="releaseHost"/>.</summary>
    public RelayLink(ClientWebSocket? host, ClientWebSocket device, int payloadBytes, Func<Task>? releaseHost = null)
    {
        _host = host;
        _device = device;
        _releaseHost = releaseHost;

        // From a device the peer id is always 0: the host is the only other end.
        _frame = new byte[RelayFrames.DataHeaderLength + payloadBytes];
        Random.Shared.NextBytes(_frame);
        RelayFrames.WriteDataHeader(_frame, peerId: 0);

        // Room for the echo and any control frame; sized to the frame, not to the largest possible
        // one, so that ten thousand idle connections do not cost the load generator gigabytes.
        _receiveBuffer = new byte[_frame.Length + HostEcho.ControlFrameRoom];
        if (host is not null)
        {
            _hostEcho = Task.Run(EchoAsHostAsync);
        }
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
        _host?.Dispose();
        await _hostEcho;
        if (_releaseHost is not null)
        {
            await _releaseHost();
        }
    }

    /// <summary>The host's side, in this process (<c>--relay-host in-process</c>).</summary>
    private async Task EchoAsHostAsync()
    {
        await HostEcho.RunAsync(_host!, _frame.Length);

        // The link was disposed, or the relay dropped the host: either way the device must not
        // wait for an echo that will never come.
        _device.Abort();
    }
}
