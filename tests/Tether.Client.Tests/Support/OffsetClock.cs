namespace Tether.Client.Tests.Support;

/// <summary>The system clock moved by a fixed offset (timers still run in real time).</summary>
internal sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
