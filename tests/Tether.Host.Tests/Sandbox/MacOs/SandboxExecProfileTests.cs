using Tether.Host.Sandbox.MacOs;

namespace Tether.Host.Tests.Sandbox.MacOs;

public sealed class SandboxExecProfileTests
{
    private static readonly SandboxExecOptions Options = new()
    {
        Project = "/Users/ann/src/app",
        PrivateHome = "/private/var/folders/xy/tether/home",
        TempDirectory = "/private/var/folders/xy/tether/tmp",
        ProxyPort = 53128,
        InjectorPort = 58787,
        ReadRoots = ["/Users/ann/.tether/claude-code"],
    };

    [Fact]
    public void TheProfileDeniesByDefault_AndAllowsNoBroadRule()
    {
        var profile = SandboxExecProfile.Build(Options);

        Assert.StartsWith("(version 1)\n(deny default)\n", profile.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("(allow default", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("(allow network*", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("(allow file-write* (subpath \"/\")", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("(subpath \"/Users/ann\")", profile, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesGoOnlyUnderTheProjectAndTheSessionsOwnDirectories_NeverToHooksConfigOrSettings()
    {
        var lines = SandboxExecProfile.Build(Options).ReplaceLineEndings("\n").Split('\n');

        var allow = Assert.Single(lines, l => l.StartsWith("(allow file-write*", StringComparison.Ordinal));
        Assert.Equal(
            "(allow file-write* (subpath \"/Users/ann/src/app\") (subpath \"/private/var/folders/xy/tether/home\") (subpath \"/private/var/folders/xy/tether/tmp\") (literal \"/dev/null\"))",
            allow);
        var deny = Assert.Single(lines, l => l.StartsWith("(deny file-write*", StringComparison.Ordinal));
        Assert.Contains("(subpath \"/Users/ann/src/app/.git/hooks\")", deny, StringComparison.Ordinal);
        foreach (var file in new[] { ".git/config", ".claude/settings.json", ".claude/settings.local.json", ".mcp.json" })
        {
            Assert.Contains($"(literal \"/Users/ann/src/app/{file}\")", deny, StringComparison.Ordinal);
        }

        // SBPL applies the last matching rule: the carve-outs must come after the allow.
        Assert.True(Array.IndexOf(lines, deny) > Array.IndexOf(lines, allow));
    }

    [Fact]
    public void TheOnlyNetworkIsTheProxysAndTheInjectorsLoopbackPorts()
    {
        var network = SandboxExecProfile.Build(Options).ReplaceLineEndings("\n").Split('\n').Where(l => l.Contains("network", StringComparison.Ordinal)).ToList();

        Assert.Equal(["(allow network-outbound (remote ip \"localhost:53128\") (remote ip \"localhost:58787\"))"], network);
    }

    [Fact]
    public void PathsWithQuotesParenthesesAndBackslashes_StayInsideTheirString()
    {
        var profile = SandboxExecProfile.Build(Options with { Project = "/Users/ann/src/a\"b) (allow default) (c\\d" });

        Assert.Contains("(subpath \"/Users/ann/src/a\\\"b) (allow default) (c\\\\d\")", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("\n(allow default)", profile.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/project")]
    [InlineData("/Users/ann/src/line\nbreak")]
    public void APathThatIsRelativeOrHoldsAControlCharacter_IsRefused(string project)
    {
        Assert.Throws<ArgumentException>(() => SandboxExecProfile.Build(Options with { Project = project }));
    }

    [Fact]
    public void APortOutOfRange_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SandboxExecProfile.Build(Options with { ProxyPort = 0 }));
        Assert.Throws<ArgumentException>(() => SandboxExecProfile.Build(Options with { InjectorPort = 70000 }));
    }

    [Fact]
    public void TheProxyUrlCarriesTheSessionToken_AndRefusesATokenThatCouldBreakTheUrl()
    {
        Assert.Equal("http://tether:abc123@127.0.0.1:53128", SandboxExecProfile.ProxyUrl(53128, "abc123"));
        Assert.Throws<ArgumentException>(() => SandboxExecProfile.ProxyUrl(53128, "a@b"));
        Assert.Throws<ArgumentException>(() => SandboxExecProfile.ProxyUrl(53128, ""));
    }
}
