using System.Security.Cryptography;
using Tether.Protocol.Relay;

namespace Tether.Relay.Routing;

/// <summary>
/// A channel's open pairing slots (docs/protocol.md §7.4): verifiers the host registered with
/// PAIR_OPEN, each good for one pairing connection until it expires. They belong to the host
/// connection that opened them and go when it goes. Not thread-safe: <see cref="RelayChannel"/> locks.
/// </summary>
internal sealed class PairingSlots
{
    private readonly List<(byte[] Verifier, long ExpiresMs)> _slots = [];

    public int Count => _slots.Count;

    /// <summary>Opens a slot, or moves an open one's expiry. False if <paramref name="max"/> slots are already open.</summary>
    public bool Open(ReadOnlySpan<byte> verifier, long expiresMs, long nowMs, int max)
    {
        Purge(nowMs);
        var i = Find(verifier);
        if (i >= 0)
        {
            _slots[i] = (_slots[i].Verifier, expiresMs);
            return true;
        }

        if (_slots.Count >= max)
        {
            return false;
        }

        _slots.Add((verifier.ToArray(), expiresMs));
        return true;
    }

    public void Close(ReadOnlySpan<byte> verifier)
    {
        var i = Find(verifier);
        if (i >= 0)
        {
            _slots.RemoveAt(i);
        }
    }

    /// <summary>
    /// Takes the open, unexpired slot whose verifier is <c>SHA-256(access)</c>, so that the code works
    /// once. Compares in constant time.
    /// </summary>
    public bool TryTake(ReadOnlySpan<byte> access, long nowMs, out RelayId subject)
    {
        subject = default;
        Purge(nowMs);
        Span<byte> verifier = stackalloc byte[PairingAccessCode.Length];
        SHA256.HashData(access, verifier);
        var i = Find(verifier);
        if (i < 0)
        {
            return false;
        }

        // The host learns which of its links was used from the verifier's first half.
        subject = RelayId.Read(_slots[i].Verifier.AsSpan(0, RelayId.Length));
        _slots.RemoveAt(i);
        return true;
    }

    public void Clear() => _slots.Clear();

    private void Purge(long nowMs) => _slots.RemoveAll(s => s.ExpiresMs <= nowMs);

    private int Find(ReadOnlySpan<byte> verifier)
    {
        var found = -1;
        for (var i = 0; i < _slots.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(_slots[i].Verifier, verifier))
            {
                found = i;
            }
        }

        return found;
    }
}
