using System.Net.WebSockets;

namespace Tether.LoadGen.Targets;

/// <summary>
/// Opens client WebSockets through one shared HTTP handler, so ten thousand connections do not
/// carry ten thousand handlers. Compression stays off and the client never pings: the targets'
/// figures must come from the traffic the scenario sends, nothing else.
/// </summary>
internal sealed class WebSocketConnector : IDisposable
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    public async Task<ClientWebSocket> ConnectAsync(Uri uri, string? subProtocol, CancellationToken cancel)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        try
        {
            await socket.ConnectAsync(uri, _invoker, cancel);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _invoker.Dispose();
}
