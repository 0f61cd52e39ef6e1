namespace Tether.FakeAnthropic;

/// <summary>The pinned Claude Code CLI that <c>scripts/setup.sh</c> installs under <c>tools/claude-code</c>.</summary>
public static class ClaudeBinary
{
    /// <summary>The version pinned in <c>tools/claude-code/package.json</c>.</summary>
    public const string PinnedVersion = "2.1.197";

    /// <summary>The repository root: the nearest directory above <see cref="AppContext.BaseDirectory"/> holding <c>Tether.sln</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">No such directory.</exception>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tether.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No directory holding Tether.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The path of <c>tools/claude-code/node_modules/.bin/claude</c>, whether or not it exists.</summary>
    public static string ExpectedPath() => Path.Combine(RepositoryRoot(), "tools", "claude-code", "node_modules", ".bin", "claude");

    /// <summary>The CLI's path.</summary>
    /// <exception cref="FileNotFoundException">It is not installed; the message says to run <c>scripts/setup.sh</c>.</exception>
    public static string Locate()
    {
        var path = ExpectedPath();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Claude Code {PinnedVersion} is not installed at {path}. Run scripts/setup.sh (it runs npm ci in tools/claude-code).", path);
        }

        return path;
    }
}
