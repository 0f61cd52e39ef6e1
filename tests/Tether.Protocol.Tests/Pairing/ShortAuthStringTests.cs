using Tether.Protocol.Pairing;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Pairing;

/// <summary>tests/vectors/sas.json, and the input rule of docs/protocol.md §3.</summary>
public sealed class ShortAuthStringTests
{
    public static TheoryData<string> Cases => KnownAnswers.Ids("sas.json", "cases", c => c.Str("handshakeHash"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void HandshakeHashGivesTheKnownDigits(string handshakeHash)
    {
        var c = KnownAnswers.Case("sas.json", "cases", e => e.Str("handshakeHash"), handshakeHash);
        var sas = ShortAuthString.Derive(Convert.FromHexString(handshakeHash));

        Assert.Equal(c.Str("sas"), sas.Digits);
        Assert.Equal(c.Str("sas")[..4] + " " + c.Str("sas")[4..], sas.ToString());
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("1234 5678")]
    [InlineData("1234-5678")]
    [InlineData("1 2 3 4 5 6 7 8")]
    [InlineData("12 -- 34   5678")]
    [InlineData("1-2-3-4-5-6-7-8")]
    [InlineData(" 1234 5678 ")]
    [InlineData("--12345678")]
    public void EightDigitsWithAnySpacesOrDashesAreAccepted(string input)
    {
        Assert.True(ShortAuthString.TryParse(input, out var sas));
        Assert.Equal("12345678", sas.Digits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234 56789")]
    [InlineData("        ")]
    [InlineData("1234\t5678")]
    [InlineData("1234_5678")]
    [InlineData("1234.5678")]
    [InlineData("1234–5678")] // en dash
    [InlineData("1234\u00a05678")] // no-break space
    [InlineData("١٢٣٤٥٦٧٨")] // Arabic-Indic digits
    [InlineData("1234567a")]
    public void AnythingElseIsRefused(string input)
    {
        Assert.False(ShortAuthString.TryParse(input, out var sas));
        Assert.Null(sas);
        Assert.Equal("sas-input", ShortAuthString.InputErrorCode);
    }

    [Fact]
    public void InputIsAtMost64Characters()
    {
        var longest = "12345678" + new string(' ', ShortAuthString.MaxInputLength - 8);
        Assert.Equal(64, ShortAuthString.MaxInputLength);
        Assert.True(ShortAuthString.TryParse(longest, out _));
        Assert.False(ShortAuthString.TryParse(longest + " ", out _));
        Assert.False(ShortAuthString.TryParse("-" + longest, out _));
    }

    [Fact]
    public void TheTypedCodeMatchesTheDerivedOne()
    {
        var derived = ShortAuthString.Derive(new byte[32]);
        Assert.True(ShortAuthString.TryParse(derived.ToString().Replace(' ', '-'), out var typed));
        Assert.True(derived.FixedTimeEquals(typed));
    }

    [Fact]
    public void ADifferentCodeDoesNotMatch()
    {
        Assert.True(ShortAuthString.TryParse("00000000", out var a));
        Assert.True(ShortAuthString.TryParse("00000001", out var b));
        Assert.False(a.FixedTimeEquals(b));
    }

    [Fact]
    public void CodesHaveNoValueEqualitySoNobodyComparesThemInVariableTime()
    {
        Assert.True(ShortAuthString.TryParse("12345678", out var a));
        Assert.True(ShortAuthString.TryParse("12345678", out var b));
        Assert.False(a.Equals(b));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void AHashOfTheWrongSizeIsACallerBug(int length) =>
        Assert.ThrowsAny<ArgumentException>(() => ShortAuthString.Derive(new byte[length]));
}
