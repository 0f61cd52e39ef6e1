namespace Tether.Host.Ipc;

/// <summary>
/// Where running hosts put their sockets: <c>$XDG_RUNTIME_DIR/tether</c> (a per-user tmpfs that the
/// login manager makes 0700), else a private directory under the user's cache,
/// <c>${XDG_CACHE_HOME:-~/.cache}/tether/run</c>. One socket per project: <c>&lt;project id&gt;.sock</c>.
/// </summary>
public static class RuntimeDirectory
{
    /// <summary>The directory for this user (not created).</summary>
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && System.IO.Path.IsPathFullyQualified(runtime))
            {
                return System.IO.Path.Combine(runtime, "tether");
            }

            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathFullyQualified(xdg)
                ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return System.IO.Path.Combine(cache, "tether", "run");
        }
    }

    /// <summary>The socket of the host of the project with id <paramref name="projectId"/>.</summary>
    public static string SocketFor(string projectId) => System.IO.Path.Combine(Path, projectId + ".sock");

    /// <summary>The sockets present now (some may be stale: their host crashed).</summary>
    public static IReadOnlyList<string> Sockets() =>
        Directory.Exists(Path) ? [.. Directory.EnumerateFiles(Path, "*.sock").Order(StringComparer.Ordinal)] : [];
}
