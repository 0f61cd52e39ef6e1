using System.Net.WebSockets;
using System.Threading.Channels;
using Tether.Client.Relay.Events;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// A welcomed connection's read loop: turns the relay's frames into <see cref="RelayEvent"/>s for its
/// role. It awaits room in the event queue, so a consumer that stops reading stops the socket reads,
/// and the relay's backpressure reaches the peer.
/// </summary>
internal sealed class RelayEventPublisher(RelaySocket socket, RelayRole role, ChannelWriter<RelayEvent> events, TokenRefresher refresher, Action<string> misbehaved)
{
    /// <summary>
    /// Reads until the connection ends; returns the relay's close reason (null for a drop or a
    /// malformed frame) and RESTARTING's hint if one came.
    /// </summary>
    public async Task<(RelayCloseReason? Reason, TimeSpan? RestartHint)> RunAsync(CancellationToken stop)
    {
        var buffer = new byte[RelayFrames.MaxFrame];
        TimeSpan? restartHint = null;
        try
        {
            while (true)
            {
                var (count, closed) = await socket.ReceiveAsync(buffer, stop).ConfigureAwait(false);
                if (closed)
                {
                    return (socket.CloseReason(), restartHint);
                }

                var frame = buffer.AsSpan(0, count);
                if (RelayFrames.TryReadRestarting(frame, out var afterMs))
                {
                    restartHint = TimeSpan.FromMilliseconds(afterMs);
                    await events.WriteAsync(new Restarting(restartHint.Value), stop).ConfigureAwait(false);
                    continue;
                }

                if (RelayFrames.TryReadToken(frame, out var expires, out var bytes))
                {
                    refresher.TokenReceived(new RelayToken(bytes, expires));
                    continue;
                }

                var evt = ToEvent(frame);
                if (evt is null)
                {
                    misbehaved($"an unexpected or malformed frame (type 0x{(count > 0 ? buffer[0] : 0):x2}, {count} bytes)");
                    return (null, restartHint);
                }

                await events.WriteAsync(evt, stop).ConfigureAwait(false);
            }
        }
        catch (MalformedFrameException)
        {
            misbehaved($"a text message or a frame over {RelayFrames.MaxFrame} bytes");
            return (null, restartHint);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            return (null, restartHint);
        }
    }

    private RelayEvent? ToEvent(ReadOnlySpan<byte> frame)
    {
        if (RelayFrames.TryReadData(frame, out var peerId, out var payload))
        {
            // A device only ever hears from the host, whose peer id is 0 on its side (§7.3).
            return role == RelayRole.Host || peerId == 0 ? new DataReceived(peerId, payload.ToArray()) : null;
        }

        if (role == RelayRole.Host)
        {
            if (RelayFrames.TryReadPeerJoined(frame, out peerId, out var peerRole, out var subject))
            {
                return new PeerJoined(peerId, peerRole, subject);
            }

            return RelayFrames.TryReadPeerLeft(frame, out peerId, out var reason) ? new PeerLeft(peerId, reason) : null;
        }

        if (RelayFrames.IsBare(frame, RelayFrameType.HostOnline))
        {
            return new HostOnline();
        }

        return RelayFrames.IsBare(frame, RelayFrameType.HostOffline) ? new HostOffline() : null;
    }
}
