using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Tether.Client.Storage;

/// <summary>
/// The few libc calls .NET does not expose: the effective uid, a file's owner and a directory fsync.
/// Paths go in as NUL-terminated UTF-8 byte arrays so no string marshalling (or unsafe code) is involved.
/// </summary>
internal static class UnixNative
{
    // statx(2) rather than stat(2): struct statx has one layout on every Linux architecture, while
    // struct stat differs between x64, arm64 and 32-bit ABIs, which makes a stat P/Invoke fragile.
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxUid = 0x8;
    private const int StatxBufferLength = 256;
    private const int StatxMaskOffset = 0;
    private const int StatxUidOffset = 20;

    private const int OpenReadOnly = 0;

    /// <summary>The effective uid of this process.</summary>
    [UnsupportedOSPlatform("windows")]
    public static uint EffectiveUserId() => geteuid();

    /// <summary>
    /// The owner uid of <paramref name="path"/> (the link itself if it is one), or null where it cannot
    /// be known cheaply and reliably: outside Linux, or without statx (glibc before 2.28) or a findable libc.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public static uint? OwnerUserId(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxBufferLength];
        try
        {
            if (statx(AtFdCwd, NulTerminated(path), AtSymlinkNoFollow, StatxUid, buffer) != 0)
            {
                throw new IOException($"Could not read the owner of {path} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // An old glibc or a libc .NET cannot find under this name: fall back to mode and link checks.
            return null;
        }

        return (BitConverter.ToUInt32(buffer, StatxMaskOffset) & StatxUid) != 0 ? BitConverter.ToUInt32(buffer, StatxUidOffset) : null;
    }

    /// <summary>
    /// Flushes a directory's entries to disk, so that a rename inside it survives a power loss
    /// (rename is atomic, but only durable once the directory itself is synced).
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static void SyncDirectory(string directory)
    {
        var fd = open(NulTerminated(directory), OpenReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Could not open {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (fsync(fd) != 0)
            {
                throw new IOException($"Could not sync {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    private static byte[] NulTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, byte[] statxbuf);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] pathname, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
