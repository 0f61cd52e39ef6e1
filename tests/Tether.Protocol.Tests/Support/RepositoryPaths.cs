namespace Tether.Protocol.Tests.Support;

/// <summary>Locates shared test data relative to the repository root (the folder holding Tether.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Directory of Noise vector files: $TETHER_NOISE_VECTORS, else ../shared/vectors/noise from the root.</summary>
    public static string NoiseVectors =>
        Environment.GetEnvironmentVariable("TETHER_NOISE_VECTORS") is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors", "noise"));

    /// <summary>The known-answer files of docs/protocol.md §6, shared with the TypeScript suite.</summary>
    public static string KnownAnswers => Path.Combine(Root, "tests", "vectors");

    public static string WycheproofX25519 =>
        Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors", "wycheproof", "x25519_test.json"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tether.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Tether.sln above {AppContext.BaseDirectory}.");
    }
}
