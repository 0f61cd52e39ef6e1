namespace Tether.Client.Relay;

/// <summary>
/// The host's open pairing slots (§7.4), remembered so that every new connection opens them again,
/// until they expire or are closed. A channel holds at most <see cref="RelayClient.MaxPairingSlots"/>.
/// </summary>
internal sealed class OpenPairingSlots(TimeProvider time)
{
    private readonly Dictionary<string, PairingSlot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Remembers a slot (replacing one with the same verifier).</summary>
    /// <exception cref="InvalidOperationException">Already <see cref="RelayClient.MaxPairingSlots"/> slots are open.</exception>
    public void Add(PairingSlot slot)
    {
        lock (_lock)
        {
            ForgetExpired();
            var key = Convert.ToHexString(slot.Verifier);
            if (!_slots.ContainsKey(key) && _slots.Count >= RelayClient.MaxPairingSlots)
            {
                throw new InvalidOperationException($"A channel holds at most {RelayClient.MaxPairingSlots} open pairing slots; close one first.");
            }

            _slots[key] = slot;
        }
    }

    public void Remove(ReadOnlySpan<byte> verifier)
    {
        lock (_lock)
        {
            _slots.Remove(Convert.ToHexString(verifier));
        }
    }

    /// <summary>The slots still open now, for a new connection to open again.</summary>
    public PairingSlot[] Unexpired()
    {
        lock (_lock)
        {
            ForgetExpired();
            return [.. _slots.Values];
        }
    }

    private void ForgetExpired()
    {
        var now = (ulong)time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var (key, slot) in _slots.ToArray())
        {
            if (slot.Expires <= now)
            {
                _slots.Remove(key);
            }
        }
    }
}
