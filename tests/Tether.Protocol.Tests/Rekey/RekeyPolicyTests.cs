using Tether.Protocol.Rekey;

namespace Tether.Protocol.Tests.Rekey;

/// <summary>What rekey.json does not pin: boundaries, rounding, configuration errors.</summary>
public sealed class RekeyPolicyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1_000_000, 3_600)]
    public void TheEdgesOfTheAllowedRangesAreAccepted(int maxRecords, int maxAgeSeconds)
    {
        Assert.True(RekeyOptions.TryCreate(maxRecords, maxAgeSeconds, out var options, out var errors));
        Assert.Empty(errors);
        Assert.Equal((maxRecords, maxAgeSeconds), (options.MaxRecords, options.MaxAgeSeconds));
    }

    [Fact]
    public void ConfigurationValidationReportsEveryErrorAtOnce()
    {
        Assert.False(RekeyOptions.TryCreate(0, 3_601, out _, out var errors));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void AWithExpressionIsValidatedToo() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RekeyOptions.Default with { MaxAgeSeconds = 0 });

    [Fact]
    public void NoKeyEncryptsMoreThanMaxRecords()
    {
        // Simulate the sender of §5: rekey after the record that policy flags, then restart n at 0.
        var policy = new RekeyPolicy(new RekeyOptions { MaxRecords = 3 });
        var n = 0UL;
        var most = 0UL;
        for (var record = 0; record < 20; record++)
        {
            var rekey = policy.ShouldRekey(n, secondsSinceKeySet: 0);
            n++;
            most = Math.Max(most, n);
            if (rekey)
            {
                n = 0;
            }
        }

        Assert.Equal(3UL, most);
    }

    [Fact]
    public void TheAgeIsRoundedDownToWholeSeconds()
    {
        var policy = RekeyPolicy.Default;
        Assert.False(policy.ShouldRekey(0, TimeSpan.FromSeconds(600) - TimeSpan.FromTicks(1)));
        Assert.True(policy.ShouldRekey(0, TimeSpan.FromSeconds(600)));
    }

    [Fact]
    public void TheLargestCountsDoNotOverflow()
    {
        Assert.True(RekeyPolicy.Default.ShouldRekey(ulong.MaxValue, 0));
        Assert.True(RekeyPolicy.Default.ShouldRekey(0, ulong.MaxValue));
        Assert.True(RekeyPolicy.Default.ShouldRekey(0, TimeSpan.MaxValue));
    }

    [Fact]
    public void ANegativeAgeIsACallerBug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RekeyPolicy.Default.ShouldRekey(0, TimeSpan.FromSeconds(-1)));
}
