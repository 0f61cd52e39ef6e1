using System.Text.Json;
using Tether.Protocol.Rekey;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Rekey;

/// <summary>
/// The policy parts of tests/vectors/rekey.json (docs/protocol.md §5): <c>defaults</c>,
/// <c>policy</c> and <c>invalidOptions</c>. Its <c>rekey</c> array is checked by
/// <see cref="Noise.CipherRekeyKnownAnswerTests"/>.
/// </summary>
public sealed class RekeyKnownAnswerTests
{
    private const string FileName = "rekey.json";

    public static TheoryData<string> PolicyCases => KnownAnswers.Ids(FileName, "policy", PolicyId);

    public static TheoryData<string> InvalidOptionCases => KnownAnswers.Ids(FileName, "invalidOptions", OptionsId);

    [Fact]
    public void TheDefaultsAreTheKnownOnes()
    {
        var defaults = KnownAnswers.File(FileName).GetProperty("defaults");
        Assert.Equal(defaults.GetProperty("maxRecords").GetInt32(), RekeyOptions.Default.MaxRecords);
        Assert.Equal(defaults.GetProperty("maxAgeSeconds").GetInt32(), RekeyOptions.Default.MaxAgeSeconds);
        Assert.Equal(RekeyOptions.Default, new RekeyOptions());
        Assert.Same(RekeyOptions.Default, RekeyPolicy.Default.Options);
    }

    [Theory]
    [MemberData(nameof(PolicyCases))]
    public void ShouldRekeyGivesTheKnownDecision(string id)
    {
        var c = KnownAnswers.Case(FileName, "policy", PolicyId, id);
        var options = new RekeyOptions
        {
            MaxRecords = c.GetProperty("maxRecords").GetInt32(),
            MaxAgeSeconds = c.GetProperty("maxAgeSeconds").GetInt32(),
        };
        var records = c.GetProperty("records").GetUInt64();
        var seconds = c.GetProperty("seconds").GetUInt64();
        var expected = c.GetProperty("rekey").GetBoolean();

        var policy = new RekeyPolicy(options);
        Assert.Equal(expected, policy.ShouldRekey(records, seconds));
        Assert.Equal(expected, policy.ShouldRekey(records, TimeSpan.FromSeconds(seconds) + TimeSpan.FromMilliseconds(999)));
    }

    [Theory]
    [MemberData(nameof(InvalidOptionCases))]
    public void OptionsOutsideTheAllowedRangesAreRefusedWhenMade(string id)
    {
        var c = KnownAnswers.Case(FileName, "invalidOptions", OptionsId, id);
        var maxRecords = c.GetProperty("maxRecords").GetInt32();
        var maxAgeSeconds = c.GetProperty("maxAgeSeconds").GetInt32();

        Assert.Throws<ArgumentOutOfRangeException>(() => new RekeyOptions { MaxRecords = maxRecords, MaxAgeSeconds = maxAgeSeconds });
        Assert.False(RekeyOptions.TryCreate(maxRecords, maxAgeSeconds, out var options, out var errors));
        Assert.Null(options);
        Assert.Single(errors);
    }

    private static string PolicyId(JsonElement c) =>
        $"maxRecords {c.GetProperty("maxRecords")}, maxAgeSeconds {c.GetProperty("maxAgeSeconds")}: " +
        $"records {c.GetProperty("records")}, seconds {c.GetProperty("seconds")}";

    private static string OptionsId(JsonElement c) =>
        $"maxRecords {c.GetProperty("maxRecords")}, maxAgeSeconds {c.GetProperty("maxAgeSeconds")}";
}
