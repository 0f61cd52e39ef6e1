namespace Tether.Client.Relay;

/// <summary>
/// The reconnect schedule of <see cref="RelayBackoffOptions"/>. The random source is injectable so
/// that a test can pin the schedule; the client's own uses <see cref="Random.Shared"/>.
/// </summary>
internal sealed class RelayBackoff
{
    // 2^30 × 250 ms is far past any cap; stopping the exponent there keeps the arithmetic finite.
    private const int MaxExponent = 30;

    private readonly RelayBackoffOptions _options;
    private readonly Random _random;

    public RelayBackoff(RelayBackoffOptions options, Random random)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>The ceiling for attempt <paramref name="attempt"/> (0 = the first retry): <c>min(Cap, Base × Factor^attempt)</c>.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ticks = _options.Base.Ticks * Math.Pow(_options.Factor, Math.Min(attempt, MaxExponent));
        return ticks >= _options.Cap.Ticks ? _options.Cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay before retry <paramref name="attempt"/>: uniform in [0, <see cref="Ceiling"/>).</summary>
    public TimeSpan Delay(int attempt) => TimeSpan.FromTicks((long)(_random.NextDouble() * Ceiling(attempt).Ticks));
}
