namespace Tether.Host.Projects;

/// <summary>
/// realpath(3) in managed code: an absolute path with every symbolic link resolved and no <c>.</c> or
/// <c>..</c>, so that one project reached through two different paths gets one id.
/// </summary>
internal static class CanonicalPath
{
    /// <summary>Linux's own limit on links followed in one lookup (MAXSYMLINKS); beyond it there is a loop.</summary>
    private const int MaxLinkHops = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <exception cref="IOException">The links form a loop.</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        Push(pending, full[current.Length..]);
        var hops = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                // current never contains a link, so its parent is the real parent.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"Too many symbolic links while resolving {path} (a loop?).");
            }

            // A relative target is relative to the link's directory, which is current; an absolute one restarts at its root.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            Push(pending, target);
        }

        return current;
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var segments = relative.Split(Separators);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }
    }
}
