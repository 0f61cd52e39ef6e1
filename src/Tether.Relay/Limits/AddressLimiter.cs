using System.Collections.Concurrent;
using System.Net;

namespace Tether.Relay.Limits;

/// <summary>
/// Per-address admission (docs/protocol.md §7.6): a cap on concurrent connections and a token
/// bucket for new ones. Checked before the WebSocket upgrade, so a flood costs an HTTP 429 and no
/// WebSocket state. Entries of idle addresses are dropped by the sweep, so the table stays as big as
/// the set of recently active addresses.
/// </summary>
internal sealed class AddressLimiter(RelayLimits limits)
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    public int TrackedAddresses => _entries.Count;

    /// <summary>Admits one more connection from <paramref name="address"/>, or says why not.</summary>
    public bool TryAcquire(IPAddress address, long nowMs, out Refusal refusal)
    {
        var key = ClientAddress.LimitKey(address);
        while (true)
        {
            var entry = _entries.GetOrAdd(key, static (_, state) => new Entry(state.Burst, state.NowMs), (Burst: (double)limits.ConnectBurst, NowMs: nowMs));
            lock (entry)
            {
                if (entry.Retired)
                {
                    continue;
                }

                entry.Refill(nowMs, limits);
                if (entry.Tokens < 1)
                {
                    refusal = Refusal.RateLimited;
                    return false;
                }

                entry.Tokens--;
                if (entry.Connections >= limits.ConnectionsPerAddress)
                {
                    refusal = Refusal.TooManyConnections;
                    return false;
                }

                entry.Connections++;
                refusal = default;
                return true;
            }
        }
    }

    public void Release(IPAddress address)
    {
        if (_entries.TryGetValue(ClientAddress.LimitKey(address), out var entry))
        {
            lock (entry)
            {
                entry.Connections--;
            }
        }
    }

    /// <summary>Forgets addresses with no connection and a full bucket: they are back to a fresh start.</summary>
    public void Sweep(long nowMs)
    {
        foreach (var (key, entry) in _entries)
        {
            lock (entry)
            {
                entry.Refill(nowMs, limits);
                if (entry.Connections == 0 && entry.Tokens >= limits.ConnectBurst)
                {
                    entry.Retired = true;
                    _entries.TryRemove(KeyValuePair.Create(key, entry));
                }
            }
        }
    }

    private sealed class Entry(double tokens, long refilledAtMs)
    {
        public double Tokens { get; set; } = tokens;

        public long RefilledAtMs { get; set; } = refilledAtMs;

        public int Connections { get; set; }

        public bool Retired { get; set; }

        public void Refill(long nowMs, RelayLimits limits)
        {
            if (nowMs > RefilledAtMs)
            {
                Tokens = Math.Min(limits.ConnectBurst, Tokens + ((nowMs - RefilledAtMs) * limits.ConnectsPerSecond / 1000.0));
                RefilledAtMs = nowMs;
            }
        }
    }
}
