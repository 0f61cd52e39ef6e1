using System.Net.WebSockets;

namespace Tether.LoadGen.Targets;

/// <summary>One WebSocket to an echo server; see <see cref="EchoTarget"/>.</summary>
internal sealed class EchoLink : ILink
{
    private readonly ClientWebSocket _socket;
    private readonly byte[] _frame;
    private readonly byte[] _receiveBuffer;

    public EchoLink(ClientWebSocket socket, int payloadBytes)
    {
        _socket = socket;
        _frame = new byte[payloadBytes];
        Random.Shared.NextBytes(_frame);
        _receiveBuffer = new byte[payloadBytes + 1];
    }

    public ValueTask SendAsync(CancellationToken cancel) => Messages.SendAsync(_socket, _frame, cancel);

    public async ValueTask ReceiveAsync(CancellationToken cancel) =>
        Messages.ExpectLength(await Messages.ReceiveAsync(_socket, _receiveBuffer, cancel), _frame.Length);

    public ValueTask DisposeAsync()
    {
        // An abort, not a close handshake: closing ten thousand connections politely would take
        // longer than the measurement, and the targets treat a dropped connection as normal.
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
