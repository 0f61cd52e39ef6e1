namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// The package registries a project's build files name, so the agent can restore dependencies. Only the
/// presence of files at the project root is read, never their contents: a hostile repository can at most
/// open these public registries, not name a host of its own.
/// </summary>
internal static class ProjectRegistries
{
    private static readonly (string Pattern, string[] Hosts)[] Markers =
    [
        ("package.json", ["registry.npmjs.org"]),
        ("*.csproj", ["api.nuget.org"]),
        ("*.sln", ["api.nuget.org"]),
        ("global.json", ["api.nuget.org"]),
        ("requirements.txt", ["pypi.org", "files.pythonhosted.org"]),
        ("pyproject.toml", ["pypi.org", "files.pythonhosted.org"]),
        ("Cargo.toml", ["crates.io", "static.crates.io", "index.crates.io"]),
        ("go.mod", ["proxy.golang.org", "sum.golang.org"]),
    ];

    /// <summary>The registry host names for <paramref name="projectRoot"/>, each once.</summary>
    public static IReadOnlyList<string> Detect(string projectRoot)
    {
        var hosts = new List<string>();
        foreach (var (pattern, names) in Markers)
        {
            if (Directory.EnumerateFiles(projectRoot, pattern, SearchOption.TopDirectoryOnly).Any())
            {
                hosts.AddRange(names.Where(n => !hosts.Contains(n)));
            }
        }

        return hosts;
    }
}
