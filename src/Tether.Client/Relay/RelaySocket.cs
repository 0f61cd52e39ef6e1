using System.Net;
using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// The WebSocket of one relay connection (docs/protocol.md §7.3): opened with the relay's subprotocol
/// and options, read one whole binary frame at a time, written one frame at a time; every frame counted.
/// </summary>
internal sealed class RelaySocket : IDisposable
{
    /// <summary>The subprotocol the relay requires (§7.3).</summary>
    public const string SubProtocol = "tether.relay.v1";

    private readonly ClientWebSocket _socket;
    private readonly RelayClientCounters _counters;

    private RelaySocket(ClientWebSocket socket, RelayClientCounters counters)
    {
        _socket = socket;
        _counters = counters;
    }

    /// <summary>Where this socket's frames are counted.</summary>
    public RelayClientCounters Counters => _counters;

    /// <summary>Opens the WebSocket (TCP, TLS, upgrade) within the connect timeout.</summary>
    public static async Task<RelaySocket> OpenAsync(Uri uri, HttpMessageInvoker invoker, RelayClientOptions options, RelayClientCounters counters, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.AddSubProtocol(SubProtocol);
            socket.Options.HttpVersion = HttpVersion.Version11;
            socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            // Ciphertext does not compress, and the relay refuses compression (§7.3); the default is off.
            socket.Options.DangerousDeflateOptions = null;
            socket.Options.KeepAliveInterval = options.KeepAlive;
            socket.Options.KeepAliveTimeout = options.KeepAlive;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(uri, invoker, timeout.Token).ConfigureAwait(false);
            if (socket.SubProtocol != SubProtocol)
            {
                throw new WebSocketException(WebSocketError.UnsupportedProtocol, $"The server did not accept the {SubProtocol} subprotocol.");
            }

            return new RelaySocket(socket, counters);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes one frame; the caller makes sure only one send runs at a time.</summary>
    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        _counters.Sent();
    }

    /// <summary>Reads one whole message into <paramref name="buffer"/>; refuses text and anything larger than the buffer.</summary>
    /// <exception cref="MalformedFrameException">A text message, or one that does not fit.</exception>
    public async Task<(int Count, bool Closed)> ReceiveAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                throw new MalformedFrameException();
            }

            var result = await _socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, true);
            }

            if (result.MessageType == WebSocketMessageType.Text)
            {
                throw new MalformedFrameException();
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                _counters.Received();
                return (count, false);
            }
        }
    }

    /// <summary>The relay's close reason, when it closed with one of the protocol's codes.</summary>
    public RelayCloseReason? CloseReason() =>
        _socket.CloseStatus is { } status && RelayCloseReasons.TryFromCloseCode((int)status, out var reason) ? reason : null;

    /// <summary>Sends the normal close (1000) if the socket is still open for sending.</summary>
    public async Task CloseNormallyAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, RelayCloseReason.Normal.ToName(), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();
}
