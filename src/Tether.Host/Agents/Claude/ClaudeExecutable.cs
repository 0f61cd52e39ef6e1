namespace Tether.Host.Agents.Claude;

/// <summary>Finds the <c>claude</c> executable: the configured path, else the first match on <c>PATH</c>.</summary>
internal static class ClaudeExecutable
{
    private const string Name = "claude";

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The full path to run.</summary>
    /// <param name="configured">An explicit path, or null to search.</param>
    /// <param name="searchPath">The <c>PATH</c> to search (Claude's own, so the same one it would see).</param>
    /// <exception cref="ClaudeSetupException">Nothing runnable was found; the message says how to install it.</exception>
    public static string Resolve(string? configured, string? searchPath)
    {
        if (configured is not null)
        {
            var full = Path.GetFullPath(configured);
            return IsExecutableFile(full) ? full : throw ClaudeErrors.ExecutableMissing(full);
        }

        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // Relative PATH entries would resolve against the host's working directory, which may be a
            // hostile checkout: skip them.
            if (!Path.IsPathRooted(directory))
            {
                continue;
            }

            var candidate = Path.Join(directory, Name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        throw ClaudeErrors.NotOnPath();
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);
}
