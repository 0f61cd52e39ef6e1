using System.Runtime.Versioning;

namespace Tether.Client.Storage;

/// <summary>
/// Directories of the key store: private to the user (mode 0700, owned by the effective uid), checked
/// from the store's root down to the directory that holds a file, because a key file in a directory
/// others can write is only as safe as that directory (architecture invariant 7).
/// </summary>
/// <remarks>
/// The root may be a symbolic link (dotfile managers link <c>~/.config</c> parts), and is judged by its
/// target; anything below the root that is a link is refused. On Windows none of this applies: there are
/// no mode bits, and <c>%APPDATA%</c> is already restricted to its user by the profile's ACLs.
/// The owner check needs statx(2) and so runs on Linux only; elsewhere the mode and link checks remain.
/// </remarks>
public static class SecureDirectory
{
    /// <summary>The mode of every key store directory: owner read, write and enter; nobody else anything.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Bits that give anyone but the owner access; any of them makes a path too open.</summary>
    internal const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates <paramref name="directory"/> and every missing directory from <paramref name="root"/> down
    /// to it with mode 0700, and checks the ones that already existed.
    /// </summary>
    /// <exception cref="InsecurePermissionsException">An existing directory is too open, a link, or another user's.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is not <paramref name="root"/> or inside it.</exception>
    public static void Ensure(string root, string directory)
    {
        foreach (var path in Chain(root, directory))
        {
            if (Kind(path, path == root) == PathKind.Missing)
            {
                Create(path);
            }

            Check(path, path == root);
        }
    }

    /// <summary>
    /// Checks every directory from <paramref name="root"/> down to <paramref name="directory"/>; false as
    /// soon as one does not exist (so neither does anything below it).
    /// </summary>
    /// <exception cref="InsecurePermissionsException">A directory is too open, a link, or another user's.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is not <paramref name="root"/> or inside it.</exception>
    public static bool Verify(string root, string directory)
    {
        foreach (var path in Chain(root, directory))
        {
            if (Kind(path, path == root) == PathKind.Missing)
            {
                return false;
            }

            Check(path, path == root);
        }

        return true;
    }

    /// <summary>The root, then each directory below it down to <paramref name="directory"/>.</summary>
    internal static List<string> Chain(string root, string directory)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var relative = Path.GetRelativePath(root, directory);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw StorageErrors.NotUnderRoot(directory, root);
        }

        var chain = new List<string> { root };
        if (relative == ".")
        {
            return chain;
        }

        var current = root;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Join(current, segment);
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>Checks that one path is owned by us and has no group or other bits.</summary>
    [UnsupportedOSPlatform("windows")]
    internal static void CheckOwnerAndMode(string path, bool directory)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            throw StorageErrors.TooOpen(path, mode, directory);
        }

        // The owner first: where it is unknown (no statx), libc may not even be loadable for geteuid.
        if (UnixNative.OwnerUserId(path) is { } owner && owner != UnixNative.EffectiveUserId())
        {
            throw StorageErrors.WrongOwner(path, owner, UnixNative.EffectiveUserId());
        }
    }

    private static PathKind Kind(string path, bool isRoot)
    {
        var kind = PathProbe.Kind(path);
        if (kind == PathKind.SymbolicLink && isRoot)
        {
            // The root is judged by what it points to; a dangling link counts as missing and fails on create.
            return Directory.Exists(path) ? PathKind.Directory : File.Exists(path) ? PathKind.File : PathKind.Missing;
        }

        return kind;
    }

    private static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Created 0700, then set again: the creation mode passes through the umask, and an unusual umask
        // (say 0277) would leave a directory its owner cannot write.
        Directory.CreateDirectory(path, Mode);
        File.SetUnixFileMode(path, Mode);
    }

    private static void Check(string path, bool isRoot)
    {
        switch (Kind(path, isRoot))
        {
            case PathKind.SymbolicLink:
                throw StorageErrors.SymbolicLink(path);
            case PathKind.File:
                throw StorageErrors.NotADirectory(path);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // For a linked root, GetUnixFileMode reports the target's mode and statx the link's owner, so
        // the owner check uses the resolved target.
        var target = isRoot ? new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path : path;
        CheckOwnerAndMode(target, directory: true);
    }
}
