namespace Tether.Protocol.Tests.Support;

/// <summary>A clock that moves only when a test says so.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public static ManualClock AtUnix(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
