namespace Tether.Client.Tests.Support;

/// <summary>Where things are in the repository, found from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (Debug or Release); the CLI is built alongside.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary><c>src/Tether.Cli/bin/&lt;configuration&gt;/net10.0/tether.dll</c>.</summary>
    public static string TetherDll => Path.Combine(Root, "src", "Tether.Cli", "bin", Configuration, "net10.0", "tether.dll");

    public static string Deploy => Path.Combine(Root, "deploy");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tether.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tether.sln not found above the test binaries.");
    }
}
