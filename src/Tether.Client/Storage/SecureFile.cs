using System.Security.Cryptography;

namespace Tether.Client.Storage;

/// <summary>
/// Key store files: readable and writable by their owner alone (mode 0600), read only after checking
/// them and every directory above them up to the store's root, and replaced atomically so that a crash
/// or a full disk leaves either the old file or the new one, never half of one.
/// </summary>
public static class SecureFile
{
    /// <summary>The mode of every key store file: owner read and write, nobody else anything.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string TempSuffix = ".tmp";

    /// <summary>
    /// Reads a key store file, or returns null if it (or a directory above it) does not exist. The caller
    /// owns the returned bytes and should zero them once parsed.
    /// </summary>
    /// <param name="root">The store's root; directories from here down are checked.</param>
    /// <param name="path">The file, inside <paramref name="root"/>.</param>
    /// <param name="removalCost">What removing the file costs, for the message if it cannot be read.</param>
    /// <exception cref="InsecurePermissionsException">The file or a directory above it is too open, a link, or another user's.</exception>
    /// <exception cref="KeyStoreCorruptException">The file exists but cannot be read.</exception>
    public static byte[]? ReadIfExists(string root, string path, string? removalCost = null)
    {
        if (!SecureDirectory.Verify(root, DirectoryOf(path)))
        {
            return null;
        }

        switch (PathProbe.Kind(path))
        {
            case PathKind.Missing:
                return null;
            case PathKind.SymbolicLink:
                throw StorageErrors.SymbolicLink(path);
            case PathKind.Directory:
                throw StorageErrors.Corrupt(path, "it is a directory, not a file", removalCost);
        }

        if (!OperatingSystem.IsWindows())
        {
            SecureDirectory.CheckOwnerAndMode(path, directory: false);
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageErrors.Corrupt(path, "it could not be read: " + e.Message, removalCost, e);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="contents"/> atomically: a 0600 temporary file
    /// in the same directory is written and flushed to disk, renamed over the target, and (on Linux) the
    /// directory is synced. Missing directories are created 0700.
    /// </summary>
    /// <exception cref="KeyStoreWriteException">Writing failed; the old file is intact and the temporary file removed.</exception>
    /// <exception cref="InsecurePermissionsException">A directory above the file is too open, a link, or another user's.</exception>
    public static void WriteAtomic(string root, string path, ReadOnlySpan<byte> contents)
    {
        var directory = DirectoryOf(path);
        SecureDirectory.Ensure(root, directory);

        var temp = Path.Join(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, CreateOptions()))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw StorageErrors.WriteFailed(path, e);
        }

        SyncDirectory(path, directory);
    }

    /// <summary>Removes a key store file; false if there was none.</summary>
    /// <exception cref="InsecurePermissionsException">A directory above the file is too open, a link, or another user's.</exception>
    public static bool Delete(string root, string path)
    {
        var directory = DirectoryOf(path);
        if (!SecureDirectory.Verify(root, directory) || PathProbe.Kind(path) == PathKind.Missing)
        {
            return false;
        }

        File.Delete(path);
        SyncDirectory(path, directory);
        return true;
    }

    internal static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions
        {
            // CreateNew (O_EXCL): never open something that already sits at the temporary name.
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            // Unbuffered, so a write error (a full disk) surfaces from Write, not later from Dispose.
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        return options;
    }

    private static string DirectoryOf(string path) =>
        Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException($"{path} has no directory.", nameof(path));

    private static void SyncDirectory(string path, string directory)
    {
        // Only Linux: macOS's fsync does not reach the disk anyway (that needs F_FULLFSYNC), and Windows
        // cannot open a directory as a file.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            UnixNative.SyncDirectory(directory);
        }
        catch (IOException e)
        {
            throw StorageErrors.SyncFailed(path, e);
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that matters is the one being reported.
        }
    }
}
