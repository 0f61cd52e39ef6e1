using Tether.Client.Storage;

namespace Tether.Host.Audit;

/// <summary>The log file on disk: checked like a key file (0600, ours, no link), appended to with fsync.</summary>
internal static class AuditFile
{
    /// <summary>Refuses a log that others can read or write, that another user owns, or that is not a regular file.</summary>
    /// <exception cref="InsecurePermissionsException">It is any of these.</exception>
    public static void CheckIfExists(string path)
    {
        switch (PathProbe.Kind(path))
        {
            case PathKind.Missing:
                return;
            case PathKind.SymbolicLink or PathKind.Directory:
                throw AuditErrors.NotARegularFile(path);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & SecureDirectory.GroupOrOther) != 0)
        {
            throw AuditErrors.TooOpen(path, mode);
        }

        if (UnixNative.OwnerUserId(path) is { } owner && owner != UnixNative.EffectiveUserId())
        {
            throw AuditErrors.WrongOwner(path, owner, UnixNative.EffectiveUserId());
        }
    }

    /// <summary>
    /// Appends <paramref name="bytes"/> (whole lines, newline included) with one write and flushes them to
    /// disk. Only one writer may run at a time (the caller holds <c>audit.lock</c>): .NET writes at the
    /// offset it found when opening, not with O_APPEND, so it is the lock that keeps writers apart.
    /// </summary>
    /// <exception cref="AuditWriteException">The write or the flush failed.</exception>
    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        var created = PathProbe.Kind(path) == PathKind.Missing;
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,

            // Unbuffered: the whole record goes to the OS in this one Write, and an error (a full disk)
            // surfaces here rather than from Dispose.
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = SecureFile.Mode;
        }

        try
        {
            using var stream = new FileStream(path, options);
            if (created && !OperatingSystem.IsWindows())
            {
                // Set again after creation: the creation mode passed through the umask.
                File.SetUnixFileMode(path, SecureFile.Mode);
            }

            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AuditErrors.WriteFailed(path, e);
        }
    }
}
