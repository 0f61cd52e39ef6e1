using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>
/// Host side: the peers the relay reported (PEER_JOINED's subject per peer id) and what is revoked
/// (device static keys and relay subjects), so that a revoked device is refused and kicked whatever
/// the application's callbacks say. Used under the session lock.
/// </summary>
internal sealed class HostPeers(Func<NoisePublicKey, bool> isPairedDevice, Func<ReadOnlyMemory<byte>, bool>? isRevokedSubject)
{
    private readonly Dictionary<uint, RelayId> _joined = [];
    private readonly HashSet<RelayId> _revokedSubjects = [];
    private readonly List<NoisePublicKey> _revokedKeys = [];

    // Peers whose session was dropped by a security event and that were told to start over: their
    // later records are leftovers of that session, not new attacks, and are dropped quietly.
    private readonly HashSet<uint> _reset = [];

    /// <summary>Remembers a joined peer; true when its subject is revoked (kick it at once).</summary>
    public bool Join(uint peerId, RelayId subject)
    {
        _joined[peerId] = subject;
        if (isRevokedSubject?.Invoke(subject.ToArray()) == true)
        {
            _revokedSubjects.Add(subject);
        }

        return _revokedSubjects.Contains(subject);
    }

    /// <summary>The application's answer: is this a paired device of the project?</summary>
    public bool IsPaired(NoisePublicKey key) => isPairedDevice(key);

    public void Leave(uint peerId)
    {
        _joined.Remove(peerId);
        _reset.Remove(peerId);
    }

    /// <summary>The host's relay connection changed: peer ids of the old one mean nothing now.</summary>
    public void ForgetJoined()
    {
        _joined.Clear();
        _reset.Clear();
    }

    public bool IsJoined(uint peerId) => _joined.ContainsKey(peerId);

    /// <summary>Whether a joined peer's subject is revoked (a handshake from it is refused).</summary>
    public bool IsRevokedPeer(uint peerId) => _joined.TryGetValue(peerId, out var subject) && _revokedSubjects.Contains(subject);

    public bool IsRevokedKey(NoisePublicKey key) => _revokedKeys.Contains(key);

    /// <summary>Revokes a device; returns the joined peers whose subject is <paramref name="subject"/>.</summary>
    public List<uint> Revoke(NoisePublicKey key, RelayId subject)
    {
        if (!_revokedKeys.Contains(key))
        {
            _revokedKeys.Add(key);
        }

        _revokedSubjects.Add(subject);
        return [.. _joined.Where(p => p.Value == subject).Select(p => p.Key)];
    }

    /// <summary>Marks a peer as told to start over; false if it already was.</summary>
    public bool MarkReset(uint peerId) => _reset.Add(peerId);

    public bool WasReset(uint peerId) => _reset.Contains(peerId);

    public void ClearReset(uint peerId) => _reset.Remove(peerId);
}
