using Tether.Client.Storage;

namespace Tether.Client.Tests.Storage;

public sealed class ConfigRootTests
{
    private static Func<string, string?> Environment(string? xdg) =>
        name => name switch { "HOME" => "/home/ada", "XDG_CONFIG_HOME" => xdg, _ => null };

    [LinuxFact]
    public void AnAbsoluteXdgConfigHome_IsUsedOnLinux()
    {
        Assert.Equal("/srv/config", ConfigRoot.PlatformConfigDirectory(Environment("/srv/config")));
    }

    [LinuxTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/config")]
    public void WithoutAnAbsoluteXdgConfigHome_TheRootIsUnderDotConfig(string? xdg)
    {
        Assert.Equal("/home/ada/.config", ConfigRoot.PlatformConfigDirectory(Environment(xdg)));
    }

    [Fact]
    public void AnExplicitRoot_MustBeAbsolute_AndCombinesSegments()
    {
        Assert.Throws<ArgumentException>(() => new ConfigRoot("relative"));
        var root = new ConfigRoot("/tmp/x/tether/");

        Assert.Equal("/tmp/x/tether", root.Path);
        Assert.Equal("/tmp/x/tether/projects/ab/host.json", root.Combine("projects", "ab", "host.json"));
    }
}
