namespace Tether.LoadGen.Targets;

/// <summary>
/// A WebSocket echo server, directly or behind nginx: a link is one connection, and a frame is one
/// binary message of exactly the payload size.
/// </summary>
internal sealed class EchoTarget(Uri uri) : ITarget
{
    private readonly WebSocketConnector _connector = new();

    public int ConnectionsPerLink => 1;

    public async Task<ILink> OpenLinkAsync(int payloadBytes, CancellationToken cancel) =>
        new EchoLink(await _connector.ConnectAsync(uri, subProtocol: null, cancel), payloadBytes);

    public ValueTask DisposeAsync()
    {
        _connector.Dispose();
        return ValueTask.CompletedTask;
    }
}
