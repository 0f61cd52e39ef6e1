using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Tether.Protocol.Relay;
using Tether.Relay.Auth;
using Tether.Relay.Hosting;
using Tether.Relay.Limits;
using Tether.Relay.Observability;
using Tether.Relay.Routing;

namespace Tether.Relay.Connections;

/// <summary>
/// Serves <c>/v1/channels/{channel}</c> (docs/protocol.md §7.3): refuses what is not a proper
/// upgrade before any WebSocket exists, then runs one connection: CHALLENGE, HELLO within the
/// deadline, WELCOME, and the receive loop that hands frames to <see cref="FrameRouter"/>.
/// </summary>
internal sealed class ConnectionHandler(RelayNode node)
{
    /// <summary>Required: it names the protocol version, and a client that does not ask for it is not ours.</summary>
    public const string SubProtocol = "tether.relay.v1";

    private readonly FrameRouter _router = new(node);

    public async Task HandleAsync(HttpContext context)
    {
        var refusal = Admit(context, out var channel, out var address);
        if (refusal is { } refused)
        {
            node.Metrics.Refused(refused);
            RelayLog.Refused(node.Logger, refused.ToName());
            context.Response.StatusCode = refused.StatusCode();
            if (refused is Refusal.RateLimited or Refusal.TooManyConnections)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return;
        }

        try
        {
            // Compression stays off: ciphertext does not compress, and per-message deflate would cost
            // every connection a compressor's memory.
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                SubProtocol = SubProtocol,
                DangerousEnableCompression = false,
                KeepAliveInterval = node.Limits.KeepAliveInterval,
                KeepAliveTimeout = node.Limits.KeepAliveInterval > TimeSpan.Zero ? node.Limits.KeepAliveTimeout : Timeout.InfiniteTimeSpan,
            }).ConfigureAwait(false);
            var batch = (context.Features.Get<IHttpUpgradeFeature>() as BatchingUpgradeFeature)?.Stream;
            await RunAsync(socket, batch, channel).ConfigureAwait(false);
        }
        finally
        {
            node.AddressLimiter.Release(address!);
        }
    }

    private Refusal? Admit(HttpContext context, out RelayId channel, out IPAddress? address)
    {
        channel = default;
        address = null;
        if (node.IsStopping)
        {
            return Refusal.ShuttingDown;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (path.Length != 1 + (2 * RelayId.Length) || !RelayId.TryParse(path.AsSpan(1), out channel))
        {
            return Refusal.BadChannel;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Refusal.NotWebSocket;
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            return Refusal.NoSubprotocol;
        }

        address = node.ClientAddress.Resolve(context);
        return node.AddressLimiter.TryAcquire(address, node.NowMs, out var limited) ? null : limited;
    }

    private async Task RunAsync(WebSocket socket, BatchingStream? batch, RelayId channel)
    {
        node.Register(id => new RelayConnection(node, socket, batch, id, channel, node.NowMs), out var connection);
        node.Metrics.Accepted();
        if (node.IsStopping)
        {
            // Upgraded while the shutdown began: it gets RESTARTING like the rest.
            connection.RequestClose(RelayCloseReason.Restarting);
        }

        var nonce = RandomNumberGenerator.GetBytes(HelloProofs.NonceLength);
        connection.Send(RelayFrames.Challenge(nonce));
        var sending = connection.RunSendLoopAsync();
        try
        {
            await ReceiveAsync(connection, socket, nonce).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client vanished without a close: its peers hear "lost".
            connection.RequestClose(RelayCloseReason.Lost);
        }
        catch (Exception e)
        {
            // A bug of ours, not the client's: log it (no payload is in our exceptions), drop the connection.
            RelayLog.HandlerFailed(node.Logger, connection.ChannelTag, e);
            connection.RequestClose(RelayCloseReason.Lost);
            connection.Abort();
        }
        finally
        {
            connection.RequestClose(RelayCloseReason.Lost);
            await sending.ConfigureAwait(false);
            node.Unregister(connection);
            node.Metrics.Disconnected(connection.Role, connection.CloseReason);
            // Debug lines: the guard keeps the channel tag from being made for every connection.
            if (node.Logger.IsEnabled(LogLevel.Debug))
            {
                RelayLog.Closed(node.Logger, connection.ChannelTag, connection.Role.ToLabel(), connection.PeerId, connection.CloseReason.ToName(), connection.FramesIn, connection.FramesOut);
            }
        }
    }

    /// <summary>Reads messages until the client's close (or its loss), after ours if we closed first.</summary>
    private async Task ReceiveAsync(RelayConnection connection, WebSocket socket, byte[] nonce)
    {
        while (true)
        {
            var head = await MessageReader.WaitAsync(socket).ConfigureAwait(false);
            if (head.MessageType == WebSocketMessageType.Close)
            {
                connection.RequestClose(RelayCloseReason.Normal);
                return;
            }

            if (connection.IsClosing)
            {
                if (await MessageReader.DiscardAsync(socket, head).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (head.MessageType != WebSocketMessageType.Binary)
            {
                _router.Fail(connection, RelayCloseReason.ProtocolError, "text message");
                continue;
            }

            if (connection.Role is null)
            {
                await ReadHelloAsync(connection, socket, head, nonce).ConfigureAwait(false);
                continue;
            }

            var (buffer, length) = await MessageReader.ReadFrameAsync(socket, head, node.Pool).ConfigureAwait(false);
            if (Measure(connection, length))
            {
                await _router.RouteAsync(connection, buffer!, length).ConfigureAwait(false);
            }
            else if (buffer is not null)
            {
                node.Pool.Return(buffer);
            }
        }
    }

    private async Task ReadHelloAsync(RelayConnection connection, WebSocket socket, ValueWebSocketReceiveResult head, byte[] nonce)
    {
        // Nothing bigger than a HELLO is read from a client that has not authenticated.
        var buffer = ArrayPool<byte>.Shared.Rent(RelayLimits.MaxHello + 1);
        try
        {
            var length = await MessageReader.ReadAsync(socket, head, buffer, RelayLimits.MaxHello).ConfigureAwait(false);
            if (Measure(connection, length))
            {
                Admit(connection, buffer.AsSpan(0, length), nonce);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Counts a message read; false (and the connection closing) if it was too large or empty.</summary>
    private bool Measure(RelayConnection connection, int length)
    {
        if (length < 0)
        {
            _router.Fail(connection, RelayCloseReason.FrameTooLarge, "message over the limit");
            return false;
        }

        if (length == 0)
        {
            _router.Fail(connection, RelayCloseReason.ProtocolError, "empty message");
            return false;
        }

        connection.FramesIn++;
        node.Metrics.FrameIn(length);
        return true;
    }

    private void Admit(RelayConnection connection, ReadOnlySpan<byte> frame, byte[] nonce)
    {
        if (!RelayFrames.TryReadHello(frame, out var role, out var kind, out var credential))
        {
            _router.Fail(connection, RelayCloseReason.ProtocolError, "first message is not a well-formed HELLO");
            return;
        }

        if (!node.Authenticator.TryAdmit(role, kind, credential, nonce, connection.ChannelId, out var admission, out var failure))
        {
            node.Metrics.AuthFailed(failure);
            RelayLog.AuthFailed(node.Logger, connection.ChannelTag, failure.ToName());
            connection.RequestClose(RelayCloseReason.AuthFailed);
            return;
        }

        Welcome(connection, admission);
    }

    private void Welcome(RelayConnection connection, Admission admission)
    {
        byte[] token = [];
        ulong expires = 0;
        if (admission.Role != RelayRole.Pairing)
        {
            (token, expires) = node.Issuer.Issue(admission.Role, connection.ChannelId, admission.Subject, admission.Horizon);
        }

        connection.Welcome(admission.Role, admission.Subject, admission.Horizon, expires, node.NowMs);
        node.Metrics.Authenticated(admission.Role);

        JoinOutcome outcome;
        if (admission.Role == RelayRole.Host)
        {
            outcome = node.Registry.JoinAsHost(connection, RelayFrames.Welcome(connection.PeerId, hostOnline: true, expires, token), out var superseded);
            if (superseded is not null && superseded.RequestClose(RelayCloseReason.Superseded))
            {
                RelayLog.Superseded(node.Logger, connection.ChannelTag, superseded.PeerId, connection.PeerId);
            }
        }
        else
        {
            var cap = admission.Role == RelayRole.Device ? node.Limits.DevicesPerChannel : node.Limits.PairingPerChannel;
            outcome = node.Registry.JoinAsPeer(connection, cap, online => RelayFrames.Welcome(connection.PeerId, online, expires, token));
        }

        if (outcome == JoinOutcome.ChannelFull)
        {
            connection.RequestClose(RelayCloseReason.ChannelFull);
            return;
        }

        if (admission.Role == RelayRole.Pairing)
        {
            RelayLog.PairingSlotUsed(node.Logger, connection.ChannelTag, connection.PeerId);
        }

        if (node.Logger.IsEnabled(LogLevel.Debug))
        {
            RelayLog.Welcomed(node.Logger, connection.ChannelTag, connection.Role.ToLabel(), connection.PeerId);
        }
    }
}
