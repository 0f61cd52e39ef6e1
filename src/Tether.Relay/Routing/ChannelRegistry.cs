using System.Collections.Concurrent;
using Tether.Protocol.Relay;
using Tether.Relay.Connections;
using Tether.Relay.Observability;

namespace Tether.Relay.Routing;

/// <summary>
/// The channels that have connections on this node, by id. A channel exists while it has a
/// connection and is dropped the moment its last one leaves: the relay keeps no state that outlives
/// its clients (docs/protocol.md §7).
/// </summary>
internal sealed class ChannelRegistry(RelayMetrics metrics)
{
    private readonly ConcurrentDictionary<RelayId, RelayChannel> _channels = new();

    public RelayChannel? Find(RelayId id) => _channels.GetValueOrDefault(id);

    /// <summary>Joins a welcomed host to its channel; the host it supersedes, if any, comes back for closing.</summary>
    public JoinOutcome JoinAsHost(RelayConnection host, byte[] welcome, out RelayConnection? superseded)
    {
        while (true)
        {
            var channel = GetOrOpen(host.ChannelId);
            var outcome = channel.JoinAsHost(host, welcome, out superseded);
            if (outcome != JoinOutcome.Retired)
            {
                host.Channel = channel;
                return outcome;
            }
        }
    }

    /// <summary>Joins a welcomed device or pairing peer to its channel, within <paramref name="cap"/> of its role.</summary>
    public JoinOutcome JoinAsPeer(RelayConnection peer, int cap, Func<bool, byte[]> welcome)
    {
        while (true)
        {
            var channel = GetOrOpen(peer.ChannelId);
            var outcome = channel.JoinAsPeer(peer, cap, welcome);
            if (outcome == JoinOutcome.Joined)
            {
                peer.Channel = channel;
            }

            if (outcome != JoinOutcome.Retired)
            {
                return outcome;
            }
        }
    }

    /// <summary>Takes a closing connection out of its channel, and the channel out of the registry if it emptied.</summary>
    public void Leave(RelayConnection connection, RelayCloseReason reason)
    {
        if (connection.Channel is not { } channel)
        {
            return;
        }

        if (channel.Leave(connection, reason) && _channels.TryRemove(KeyValuePair.Create(channel.Id, channel)))
        {
            metrics.ChannelClosed();
        }
    }

    private RelayChannel GetOrOpen(RelayId id)
    {
        while (true)
        {
            if (_channels.TryGetValue(id, out var channel))
            {
                return channel;
            }

            var fresh = new RelayChannel(id);
            if (_channels.TryAdd(id, fresh))
            {
                metrics.ChannelOpened();
                return fresh;
            }
        }
    }
}
