using Tether.Client.Relay;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Relay;

public sealed class RelayBackoffTests
{
    [Theory]
    [InlineData(0, 250)]
    [InlineData(1, 500)]
    [InlineData(2, 1_000)]
    [InlineData(5, 8_000)]
    [InlineData(6, 16_000)]
    [InlineData(7, 30_000)]
    [InlineData(1_000, 30_000)]
    public void Ceiling_DoublesFrom250MsUpToThe30SecondCap(int attempt, int expectedMs)
    {
        var backoff = new RelayBackoff(new RelayBackoffOptions(), new FixedRandom(0.5));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.Ceiling(attempt));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.999999)]
    public void Delay_IsTheRandomFractionOfTheCeiling_FullJitter(double fraction)
    {
        var backoff = new RelayBackoff(new RelayBackoffOptions(), new FixedRandom(fraction));

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ceiling = backoff.Ceiling(attempt);
            var delay = backoff.Delay(attempt);
            Assert.Equal((long)(fraction * ceiling.Ticks), delay.Ticks);
            Assert.InRange(delay, TimeSpan.Zero, ceiling);
        }
    }

    [Fact]
    public void Delay_WithARealRandomSource_StaysInsideTheWindowAndSpreads()
    {
        var backoff = new RelayBackoff(new RelayBackoffOptions(), new Random(7));

        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(3)).ToArray();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        Assert.True(delays.Distinct().Count() > 150, "full jitter spreads clients over the window");
    }

    [Fact]
    public void Validate_InvalidOptions_ListsEveryProblem()
    {
        var options = new RelayBackoffOptions { Base = TimeSpan.Zero, Factor = 0.5, Cap = TimeSpan.FromSeconds(-1) };

        Assert.Equal(3, options.Validate().Count);
    }
}
