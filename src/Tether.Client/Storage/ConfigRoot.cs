namespace Tether.Client.Storage;

/// <summary>
/// The directory that holds everything Tether keeps for the user: <c>&lt;platform config dir&gt;/tether</c>.
/// Every store takes one explicitly, so tests pass a temporary directory and processes are isolated by
/// setting <c>XDG_CONFIG_HOME</c>.
/// </summary>
public sealed class ConfigRoot
{
    /// <summary>The name of Tether's directory inside the platform config directory.</summary>
    public const string DirectoryName = "tether";

    /// <summary>Wraps an explicit root directory (it need not exist yet).</summary>
    /// <exception cref="ArgumentException">The path is not absolute.</exception>
    public ConfigRoot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"The config root must be an absolute path, not '{path}'.", nameof(path));
        }

        Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
    }

    /// <summary>The absolute path of the root directory.</summary>
    public string Path { get; }

    /// <summary>
    /// The current user's root: <c>$XDG_CONFIG_HOME/tether</c> (if set and absolute) or
    /// <c>~/.config/tether</c> on Linux and other Unixes, <c>~/Library/Application Support/tether</c>
    /// on macOS, <c>%APPDATA%\tether</c> on Windows.
    /// </summary>
    public static ConfigRoot ForCurrentUser() =>
        new(System.IO.Path.Combine(PlatformConfigDirectory(Environment.GetEnvironmentVariable), DirectoryName));

    /// <summary>A path under the root from its segments, e.g. <c>Combine("projects", id, "host.json")</c>.</summary>
    public string Combine(params ReadOnlySpan<string> segments)
    {
        var path = Path;
        foreach (var segment in segments)
        {
            path = System.IO.Path.Join(path, segment);
        }

        return path;
    }

    /// <inheritdoc />
    public override string ToString() => Path;

    /// <summary>The platform's per-user config directory, reading the environment through <paramref name="environment"/>.</summary>
    internal static string PlatformConfigDirectory(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return System.IO.Path.Combine(home, "Library", "Application Support");
        }

        // The XDG spec says a relative $XDG_CONFIG_HOME is invalid and must be ignored.
        var xdg = environment("XDG_CONFIG_HOME");
        return xdg is { Length: > 0 } && System.IO.Path.IsPathFullyQualified(xdg) ? xdg : System.IO.Path.Combine(home, ".config");
    }
}
