using System.Diagnostics;

namespace Tether.Client.Storage;

/// <summary>
/// An exclusive lock across processes, held for one read-modify-write of a store file (the host marks a
/// device seen while <c>tether devices revoke</c> runs in another process; neither may lose the other's
/// change). It is an open lock file with <see cref="FileShare.None"/>, which .NET maps to flock(2) on
/// Unix and a share mode on Windows; the OS releases it when the process dies, so it never goes stale.
/// </summary>
/// <remarks>
/// The lock file is left in place on release: deleting it would let a waiter lock the unlinked file
/// while a newcomer locks a fresh one, and both would go ahead.
/// </remarks>
public sealed class StoreLock : IDisposable
{
    /// <summary>
    /// Long enough to outlast any real holder (one small file rewritten and synced takes milliseconds,
    /// seconds at worst on a busy disk), short enough that a stuck holder is reported, not waited on forever.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Between attempts: far below a human's notice, far above a busy loop.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(15);

    private readonly FileStream _file;

    private StoreLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Takes the lock at <paramref name="path"/> (created 0600 if absent), waiting up to <paramref name="timeout"/>.</summary>
    /// <exception cref="KeyStoreLockTimeoutException">Another process kept the lock for the whole timeout.</exception>
    /// <exception cref="InsecurePermissionsException">A directory above the lock is too open, a link, or another user's.</exception>
    public static StoreLock Acquire(string root, string path, TimeSpan timeout)
    {
        SecureDirectory.Ensure(root, Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = SecureFile.Mode;
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new StoreLock(new FileStream(path, options));
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
            {
                // "In use by another process" has no portable error code (EWOULDBLOCK differs between Linux
                // and macOS, Windows has its own), so any other I/O error is retried too, and the last one
                // goes into the timeout message should it be something else, like a full disk.
                if (clock.Elapsed >= timeout)
                {
                    throw StorageErrors.LockTimeout(path, timeout, e);
                }

                Thread.Sleep(RetryDelay);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
