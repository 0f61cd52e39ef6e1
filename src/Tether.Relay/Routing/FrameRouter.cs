using System.Buffers.Binary;
using Tether.Protocol.Relay;
using Tether.Relay.Connections;
using Tether.Relay.Hosting;
using Tether.Relay.Observability;

namespace Tether.Relay.Routing;

/// <summary>
/// What a welcomed connection's frames do (docs/protocol.md §7.3–7.5): DATA is forwarded in its own
/// buffer with the peer id rewritten in place; REFRESH, PAIR_OPEN, PAIR_CLOSE and KICK act on the
/// channel. Anything else, or a frame its role may not send, closes the sender with <c>protocol-error</c>.
/// </summary>
internal sealed class FrameRouter(RelayNode node)
{
    /// <summary>Handles one frame; owns <paramref name="buffer"/> (a pooled frame buffer) from here on.</summary>
    public async ValueTask RouteAsync(RelayConnection sender, byte[] buffer, int length)
    {
        var type = (RelayFrameType)buffer[0];
        if (type == RelayFrameType.Data && length >= RelayFrames.DataHeaderLength)
        {
            await ForwardAsync(sender, buffer, length).ConfigureAwait(false);
            return;
        }

        try
        {
            Control(sender, buffer.AsSpan(0, length));
        }
        finally
        {
            node.Pool.Return(buffer);
        }
    }

    /// <summary>Closes <paramref name="connection"/> for breaking the rules; <paramref name="detail"/> is a fixed phrase, never client data.</summary>
    public void Fail(RelayConnection connection, RelayCloseReason reason, string detail)
    {
        if (connection.RequestClose(reason))
        {
            RelayLog.ProtocolError(node.Logger, connection.ChannelTag, connection.Role.ToLabel(), connection.PeerId, reason.ToName(), detail);
        }
    }

    private async ValueTask ForwardAsync(RelayConnection sender, byte[] buffer, int length)
    {
        var addressed = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(1));
        RelayConnection? target;
        uint header;
        if (sender.Role == RelayRole.Host)
        {
            // From the host the peer id names the addressee; the addressee sees 0 (its only peer is the host).
            target = addressed == 0 ? null : sender.Channel?.FindPeer(addressed);
            header = 0;
            if (addressed == 0)
            {
                node.Pool.Return(buffer);
                Fail(sender, RelayCloseReason.ProtocolError, "DATA from the host to peer 0");
                return;
            }
        }
        else
        {
            // From a device the peer id is always 0; the relay writes in who sent it.
            if (addressed != 0)
            {
                node.Pool.Return(buffer);
                Fail(sender, RelayCloseReason.ProtocolError, "DATA from a device with a peer id");
                return;
            }

            target = sender.Channel?.Host;
            header = sender.PeerId;
        }

        RelayFrames.WriteDataHeader(buffer, header);
        if (target is null || !await target.ForwardAsync(buffer, length).ConfigureAwait(false))
        {
            // The sender has been (or is being) told the peer is gone; the record layer resends.
            node.Metrics.DroppedNoPeer();
            node.Pool.Return(buffer);
        }
    }

    private void Control(RelayConnection sender, ReadOnlySpan<byte> frame)
    {
        var role = sender.Role;
        switch ((RelayFrameType)frame[0])
        {
            case RelayFrameType.Refresh when role != RelayRole.Pairing && RelayFrames.IsBare(frame, RelayFrameType.Refresh):
                Refresh(sender);
                break;
            case RelayFrameType.PairOpen when role == RelayRole.Host && RelayFrames.TryReadPairOpen(frame, out var verifier, out var expires):
                PairOpen(sender, verifier, expires);
                break;
            case RelayFrameType.PairClose when role == RelayRole.Host && RelayFrames.TryReadPairClose(frame, out var closed):
                sender.Channel?.ClosePairingSlot(sender, closed);
                break;
            case RelayFrameType.Kick when role == RelayRole.Host && RelayFrames.TryReadKick(frame, out var peerId, out var reason) && reason is RelayCloseReason.Revoked or RelayCloseReason.Superseded:
                if (sender.Channel?.FindPeer(peerId) is { } kicked && kicked.RequestClose(reason))
                {
                    RelayLog.Kicked(node.Logger, sender.ChannelTag, peerId);
                }

                break;
            default:
                Fail(sender, RelayCloseReason.ProtocolError, "unknown, malformed or forbidden frame");
                break;
        }
    }

    private void Refresh(RelayConnection sender)
    {
        var now = node.NowMs;
        if (now - sender.LastTokenAtMs < node.Limits.RefreshInterval.TotalMilliseconds)
        {
            node.Metrics.RefreshIgnored();
            RelayLog.RefreshIgnored(node.Logger, sender.ChannelTag, sender.PeerId);
            return;
        }

        var (token, expires) = node.Issuer.Issue(sender.Role!.Value, sender.ChannelId, sender.Subject, sender.Horizon);
        sender.TokenExpires = expires;
        sender.LastTokenAtMs = now;
        sender.Send(RelayFrames.Token(expires, token));
    }

    private void PairOpen(RelayConnection host, ReadOnlySpan<byte> verifier, ulong expires)
    {
        var now = node.NowMs;
        var nowSeconds = (ulong)(now / 1000);
        var lifetime = (ulong)node.Limits.PairingSlotLifetime.TotalSeconds;
        var skew = (ulong)node.Issuer.Options.ClockSkew.TotalSeconds;

        // A link lives at most 10 minutes (by the host's clock, hence the skew); the slot no longer.
        if (expires > nowSeconds + lifetime + skew)
        {
            Fail(host, RelayCloseReason.ProtocolError, "PAIR_OPEN expiry too far ahead");
            return;
        }

        if (expires <= nowSeconds || host.Channel is not { } channel)
        {
            return;
        }

        var expiresMs = Math.Min((long)expires * 1000, now + (long)node.Limits.PairingSlotLifetime.TotalMilliseconds);
        if (!channel.OpenPairingSlot(host, verifier, expiresMs, now, node.Limits.PairingSlotsPerChannel, out var open))
        {
            Fail(host, RelayCloseReason.ProtocolError, "PAIR_OPEN with every pairing slot taken");
            return;
        }

        RelayLog.PairingSlotOpened(node.Logger, host.ChannelTag, open);
    }
}
