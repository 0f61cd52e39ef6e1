namespace Tether.Relay.Tests.Support;

/// <summary>
/// A clock whose "now" moves only when a test says so. Timers stay real (the relay's sweep still
/// runs every few milliseconds), so moving the clock past a deadline makes the next sweep act on it.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public static ManualClock Now() => new(DateTimeOffset.UtcNow);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
