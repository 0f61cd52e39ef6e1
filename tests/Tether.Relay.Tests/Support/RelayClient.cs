using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Tether.Protocol.Relay;

namespace Tether.Relay.Tests.Support;

/// <summary>
/// A raw relay client over a real loopback WebSocket: sends frames built with the protocol's codecs
/// and queues what arrives (a background reader that a test can pause to play a slow consumer).
/// </summary>
internal sealed class RelayClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private volatile TaskCompletionSource? _paused;

    private RelayClient(ClientWebSocket socket, bool paused)
    {
        _socket = socket;
        _paused = paused ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        _ = PumpAsync();
    }

    public WebSocket Socket => _socket;

    /// <summary>Opens a WebSocket to a channel, optionally from another loopback address (127.0.0.x).</summary>
    public static async Task<RelayClient> ConnectAsync(Uri channelUri, IPAddress? from = null, string? subProtocol = "tether.relay.v1", bool paused = false, string? forwardedFor = null)
    {
        var socket = new ClientWebSocket();
        if (forwardedFor is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }

        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        using var handler = new SocketsHttpHandler();
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancel) =>
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    s.Bind(new IPEndPoint(from, 0));
                    await s.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            };
        }

        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var timeout = new CancellationTokenSource(DefaultWait);
        try
        {
            await socket.ConnectAsync(channelUri, invoker, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RelayClient(socket, paused);
    }

    public async Task SendAsync(byte[] frame)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendTextAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null if none came in time.</summary>
    public async Task<Message?> ReceiveAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            return await _inbox.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>The next frame, which must be of <paramref name="type"/>.</summary>
    public async Task<byte[]> ExpectAsync(RelayFrameType type, TimeSpan? wait = null)
    {
        var message = await ReceiveAsync(wait);
        Assert.True(message?.Type == type, $"expected {type}, got {message?.ToString() ?? "nothing"}");
        return message!.Frame!;
    }

    /// <summary>The next message must be the relay's close with <paramref name="reason"/>'s code and name.</summary>
    public async Task ExpectCloseAsync(RelayCloseReason reason, TimeSpan? wait = null)
    {
        var message = await ReceiveAsync(wait);
        Assert.True(
            message?.CloseStatus is { } status && (int)status == reason.CloseCode() && message.CloseDescription == reason.ToName(),
            $"expected close {reason.CloseCode()} {reason.ToName()}, got {message?.ToString() ?? "nothing"}");
    }

    /// <summary>Nothing may arrive for <paramref name="wait"/>.</summary>
    public async Task ExpectNothingAsync(TimeSpan wait)
    {
        var message = await ReceiveAsync(wait);
        Assert.True(message is null, $"expected nothing, got {message}");
    }

    /// <summary>Reads CHALLENGE and returns its nonce.</summary>
    public async Task<byte[]> ChallengeAsync()
    {
        var frame = await ExpectAsync(RelayFrameType.Challenge);
        Assert.True(RelayFrames.TryReadChallenge(frame, out var nonce));
        return nonce.ToArray();
    }

    /// <summary>Stops reading: the relay's frames pile up in TCP buffers and then in its queue.</summary>
    public void Pause() => _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => Interlocked.Exchange(ref _paused, null)?.TrySetResult();

    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        Resume();
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
            }
        }

        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[RelayFrames.MaxFrame + 16];
        try
        {
            while (true)
            {
                if (_paused is { } paused)
                {
                    await paused.Task;
                }

                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _inbox.Writer.TryWrite(new Message(null, result.CloseStatus, result.CloseStatusDescription));
                    try
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }
                    catch (Exception e) when (e is WebSocketException or IOException)
                    {
                    }

                    break;
                }

                _inbox.Writer.TryWrite(new Message(buffer[..length], null, null));
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            _inbox.Writer.TryWrite(new Message(null, null, null, Lost: true));
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
