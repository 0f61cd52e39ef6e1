using Tether.Protocol.Relay;
using Tether.Relay.Connections;

namespace Tether.Relay.Routing;

/// <summary>
/// The connections of one channel on this node: at most one host, its devices and pairing peers, and
/// the host's pairing slots. Membership changes under a lock, and presence frames are queued inside
/// it, so every client sees them in the order they happened. DATA routing reads
/// <see cref="Host"/> and the peer array without a lock.
/// </summary>
internal sealed class RelayChannel(RelayId id)
{
    private readonly Lock _lock = new();
    private readonly PairingSlots _slots = new();
    private volatile RelayConnection? _host;

    // Copy-on-write: at most 20 entries, replaced whole on every change, scanned by the host's DATA.
    private volatile RelayConnection[] _peers = [];
    private bool _retired;

    public RelayId Id { get; } = id;

    public RelayConnection? Host => _host;

    /// <summary>The device or pairing peer with this id, if it is on this channel.</summary>
    public RelayConnection? FindPeer(uint peerId)
    {
        foreach (var peer in _peers)
        {
            if (peer.PeerId == peerId)
            {
                return peer;
            }
        }

        return null;
    }

    /// <summary>
    /// Makes <paramref name="host"/> the channel's host: it gets WELCOME then PEER_JOINED for every
    /// peer, and the peers get HOST_ONLINE. The previous host, if any, is returned for closing.
    /// </summary>
    public JoinOutcome JoinAsHost(RelayConnection host, byte[] welcome, out RelayConnection? superseded)
    {
        lock (_lock)
        {
            superseded = null;
            if (_retired)
            {
                return JoinOutcome.Retired;
            }

            superseded = _host;
            _host = host;
            _slots.Clear();
            host.Send(welcome);
            foreach (var peer in _peers)
            {
                host.Send(RelayFrames.PeerJoined(peer.PeerId, peer.Role!.Value, peer.Subject));
                peer.Send(RelayFrames.HostOnline());
            }

            return JoinOutcome.Joined;
        }
    }

    /// <summary>
    /// Adds a device or pairing peer unless its role's cap is reached: it gets WELCOME (built by
    /// <paramref name="welcome"/> with whether the host is online), the host gets PEER_JOINED.
    /// </summary>
    public JoinOutcome JoinAsPeer(RelayConnection peer, int cap, Func<bool, byte[]> welcome)
    {
        lock (_lock)
        {
            if (_retired)
            {
                return JoinOutcome.Retired;
            }

            var sameRole = 0;
            foreach (var p in _peers)
            {
                sameRole += p.Role == peer.Role ? 1 : 0;
            }

            if (sameRole >= cap)
            {
                return JoinOutcome.ChannelFull;
            }

            _peers = [.. _peers, peer];
            var host = _host;
            peer.Send(welcome(host is not null));
            host?.Send(RelayFrames.PeerJoined(peer.PeerId, peer.Role!.Value, peer.Subject));
            return JoinOutcome.Joined;
        }
    }

    /// <summary>
    /// Removes a closing connection and tells the others (HOST_OFFLINE, or PEER_LEFT with the reason).
    /// True if the channel is now empty and retired: the registry drops it.
    /// </summary>
    public bool Leave(RelayConnection connection, RelayCloseReason reason)
    {
        lock (_lock)
        {
            if (_host == connection)
            {
                _host = null;
                _slots.Clear();
                foreach (var peer in _peers)
                {
                    peer.Send(RelayFrames.HostOffline());
                }
            }
            else if (Array.IndexOf(_peers, connection) >= 0)
            {
                _peers = Array.FindAll(_peers, p => p != connection);
                _host?.Send(RelayFrames.PeerLeft(connection.PeerId, reason));
            }

            _retired = _host is null && _peers.Length == 0;
            return _retired;
        }
    }

    /// <summary>PAIR_OPEN from the current host. False if the channel's slots are all taken.</summary>
    public bool OpenPairingSlot(RelayConnection host, ReadOnlySpan<byte> verifier, long expiresMs, long nowMs, int max, out int open)
    {
        lock (_lock)
        {
            var ok = _host != host || _slots.Open(verifier, expiresMs, nowMs, max);
            open = _slots.Count;
            return ok;
        }
    }

    /// <summary>PAIR_CLOSE from the current host.</summary>
    public void ClosePairingSlot(RelayConnection host, ReadOnlySpan<byte> verifier)
    {
        lock (_lock)
        {
            if (_host == host)
            {
                _slots.Close(verifier);
            }
        }
    }

    /// <summary>Spends the slot that <paramref name="access"/> opens; see <see cref="PairingSlots.TryTake"/>.</summary>
    public bool TryTakePairingSlot(ReadOnlySpan<byte> access, long nowMs, out RelayId subject)
    {
        lock (_lock)
        {
            return _slots.TryTake(access, nowMs, out subject);
        }
    }
}
