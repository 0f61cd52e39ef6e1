namespace Tether.Host.Tests.Support;

/// <summary>A clock that says what the test sets; no timers needed here.</summary>
internal sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
