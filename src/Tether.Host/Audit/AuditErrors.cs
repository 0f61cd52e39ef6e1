using System.Globalization;
using Tether.Client.Storage;

namespace Tether.Host.Audit;

/// <summary>The one place audit exceptions are built; messages name the file and the fix.</summary>
internal static class AuditErrors
{
    public static InsecurePermissionsException TooOpen(string path, UnixFileMode mode) =>
        new(path, Format(
            "The audit log file {0} has mode {1}: other users can read or change it, and it records what you approved. Tether refuses it. Fix it with: chmod 600 {0}",
            path, "0" + Convert.ToString((int)mode & 0x1FF, 8)), null);

    public static InsecurePermissionsException WrongOwner(string path, uint owner, uint self) =>
        new(path, Format(
            "The audit log file {0} is owned by uid {1}, not by you (uid {2}); another user could rewrite it. Tether refuses it. Fix it with: sudo chown {2} {0}",
            path, owner, self), null);

    public static InsecurePermissionsException NotARegularFile(string path) =>
        new(path, Format(
            "The audit log {0} is a symbolic link or a directory; Tether appends only to a regular file it created, so it refuses it. Move it away.",
            path), null);

    public static AuditWriteException WriteFailed(string path, Exception inner) =>
        new(path, Format(
            "Could not append to the audit log {0}: {1} The record was not written; records before it are intact.", path, inner.Message), inner);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
