namespace Tether.Protocol.Rekey;

/// <summary>
/// When a sender rekeys (docs/protocol.md §5). Before encrypting a record the sender evaluates
/// <c>shouldRekey(n, t) = (n + 1 &gt;= maxRecords) or (t &gt;= maxAgeSeconds)</c>; if true it sets
/// REKEY on that record, encrypts it, calls <c>Rekey()</c> on its sending cipher state and restarts
/// n and t at 0. So no key ever encrypts more than <c>maxRecords</c> records. Each direction rekeys
/// on its own; the receiver just follows the REKEY flag.
/// </summary>
public sealed class RekeyPolicy
{
    /// <summary>A policy with the given budget.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public RekeyPolicy(RekeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The policy with the default budget (10,000 records, 600 seconds).</summary>
    public static RekeyPolicy Default { get; } = new(RekeyOptions.Default);

    /// <summary>The budget.</summary>
    public RekeyOptions Options { get; }

    /// <summary>Whether the record about to be encrypted must carry REKEY.</summary>
    /// <param name="recordsEncrypted">n: records already encrypted under the current sending key.</param>
    /// <param name="secondsSinceKeySet">t: whole seconds (rounded down) since the key was set by the split or the last rekey.</param>
    public bool ShouldRekey(ulong recordsEncrypted, ulong secondsSinceKeySet) =>
        // n ≥ maxRecords − 1 is n + 1 ≥ maxRecords without overflow at n = 2^64 − 1 (maxRecords ≥ 1).
        recordsEncrypted >= (ulong)Options.MaxRecords - 1 || secondsSinceKeySet >= (ulong)Options.MaxAgeSeconds;

    /// <summary>Whether the record about to be encrypted must carry REKEY, with the key's age as a duration.</summary>
    /// <param name="recordsEncrypted">n: records already encrypted under the current sending key.</param>
    /// <param name="sinceKeySet">The key's age from a monotonic clock; rounded down to whole seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sinceKeySet"/> is negative.</exception>
    public bool ShouldRekey(ulong recordsEncrypted, TimeSpan sinceKeySet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sinceKeySet, TimeSpan.Zero);
        return ShouldRekey(recordsEncrypted, (ulong)(sinceKeySet.Ticks / TimeSpan.TicksPerSecond));
    }
}
