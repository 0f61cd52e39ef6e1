namespace Tether.Protocol.Relay;

/// <summary>How long relay credentials last (docs/protocol.md §7.2).</summary>
public sealed record ConnectTokenOptions
{
    /// <summary>15 minutes: short enough that a leaked token soon means nothing.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// 30 seconds either way: the nodes of one relay deployment keep their clocks within that of each
    /// other, and clients never judge relay tokens by their own clocks.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>24 hours: a host proves its channel key at least daily, even if it only ever refreshes.</summary>
    public TimeSpan HostHorizon { get; init; } = TimeSpan.FromHours(24);
}
