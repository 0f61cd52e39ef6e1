namespace Tether.Host.Projects;

/// <summary>
/// Finds the project a directory belongs to: the top level of the git repository around it, or the
/// directory itself outside git. Git is never run (a hostile repository's config could make it run
/// code); the walk looks only for a <c>.git</c> directory, or a <c>.git</c> file as worktrees and
/// submodules have.
/// </summary>
public static class ProjectLocator
{
    private const string GitEntry = ".git";

    /// <summary>What a worktree's or submodule's <c>.git</c> file starts with.</summary>
    private const string GitFilePrefix = "gitdir:";

    /// <summary>The project of <paramref name="directory"/> (default: the current directory).</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static Project Locate(string? directory = null)
    {
        var start = Path.GetFullPath(directory ?? Environment.CurrentDirectory);
        if (!Directory.Exists(start))
        {
            throw new DirectoryNotFoundException($"The project directory {start} does not exist (or is not a directory).");
        }

        // Walk the resolved path, as git does (it works from the physical current directory).
        var canonical = CanonicalPath.Resolve(start);
        for (var candidate = canonical; candidate is not null; candidate = Path.GetDirectoryName(candidate))
        {
            if (IsGitTopLevel(candidate))
            {
                return new Project(candidate);
            }
        }

        return new Project(canonical);
    }

    private static bool IsGitTopLevel(string directory)
    {
        var git = Path.Join(directory, GitEntry);
        if (Directory.Exists(git))
        {
            return true;
        }

        if (!File.Exists(git))
        {
            return false;
        }

        try
        {
            using var reader = new StreamReader(git);
            var buffer = new char[GitFilePrefix.Length];
            return reader.ReadBlock(buffer) == buffer.Length && new string(buffer) == GitFilePrefix;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
