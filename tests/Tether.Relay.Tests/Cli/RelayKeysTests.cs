using Tether.Cli.Relay;

namespace Tether.Relay.Tests.Cli;

/// <summary><c>tether relay --keys-file</c> and <c>TETHER_RELAY_KEYS</c>: secrets stay private, mistakes name their line.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RelayKeysTests
{
    private static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void KeysFile_ReadableByTheOwnerAlone_IsRead_FirstLineSigning()
    {
        var path = Write($"# rotated 2026-01\n2 {Secret}\n\n1 {Secret}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var keys = RelayKeys.ReadFile(path);
            Assert.Equal([2, 1], keys.Select(k => (int)k.Id));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void KeysFile_OpenToOthers_IsRefused_WithTheFix(UnixFileMode extra)
    {
        var path = Write($"1 {Secret}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        try
        {
            var e = Assert.Throws<RelayKeysException>(() => RelayKeys.ReadFile(path));
            Assert.Contains($"chmod 600 {path}", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("1 {0}\nnonsense\n", "line 2")]
    [InlineData("1 {0}\n\n256 {0}\n", "line 3")]
    [InlineData("1 not-base64!\n", "line 1")]
    [InlineData("1 AAAA\n", "line 1")]
    [InlineData("1 {0}\n1 {0}\n", "line 2")]
    [InlineData("1 {0} extra\n", "line 1")]
    public void MalformedLine_IsRefusedWithItsNumber(string format, string where)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Secret);
        var e = Assert.Throws<RelayKeysException>(() => RelayKeys.Parse(text, "keys"));
        Assert.Contains($"keys, {where}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentValue_MaySeparateKeysWithSemicolons_AndMustHoldOne()
    {
        Assert.Equal(2, RelayKeys.Parse($"3 {Secret}; 4 {Secret}", RelayKeys.EnvironmentVariable).Count);
        Assert.Throws<RelayKeysException>(() => RelayKeys.Parse("# nothing\n", RelayKeys.EnvironmentVariable));
    }

    [Fact]
    public void Limits_AreSetByName_WithUnits_AndUnknownNamesAreRefused()
    {
        Assert.True(LimitSettings.TryApply(new RelayLimits(), ["connections-per-address=20000", "auth-timeout=500ms", "slow-consumer-timeout=2s", "connects-per-second=2.5"], out var limits, out _));
        Assert.Equal(20000, limits.ConnectionsPerAddress);
        Assert.Equal(TimeSpan.FromMilliseconds(500), limits.AuthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), limits.SlowConsumerTimeout);
        Assert.Equal(2.5, limits.ConnectsPerSecond);
        Assert.False(LimitSettings.TryApply(new RelayLimits(), ["no-such-limit=1"], out _, out var error));
        Assert.Contains("connections-per-address", error, StringComparison.Ordinal);
        Assert.False(LimitSettings.TryApply(new RelayLimits(), ["auth-timeout=10"], out _, out _));
    }

    private static string Write(string text, UnixFileMode mode)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tether-keys-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
