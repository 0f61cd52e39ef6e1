namespace Tether.Client.Relay;

/// <summary>
/// Reconnect delays: exponential with full jitter, <c>delay = random(0, min(Cap, Base × Factor^attempt))</c>.
/// Full jitter spreads a crowd of clients that lost one relay node at the same instant over the whole
/// window instead of sending them back in synchronized waves.
/// </summary>
public sealed record RelayBackoffOptions
{
    /// <summary>250 ms: a node that died usually has a replacement behind the balancer at once.</summary>
    public TimeSpan Base { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>×2 per failed attempt.</summary>
    public double Factor { get; init; } = 2;

    /// <summary>30 s: a relay that is down for long is retried twice a minute per client, not hammered.</summary>
    public TimeSpan Cap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every invalid value, described; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Base <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(Base)} must be positive, got {Base}.");
        }

        if (!(Factor >= 1))
        {
            errors.Add($"{nameof(Factor)} must be at least 1, got {Factor}.");
        }

        if (Cap < Base)
        {
            errors.Add($"{nameof(Cap)} must be at least {nameof(Base)}, got {Cap}.");
        }

        return errors;
    }
}
