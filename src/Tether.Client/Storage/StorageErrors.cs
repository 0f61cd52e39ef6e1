using System.Globalization;

namespace Tether.Client.Storage;

/// <summary>
/// The one place key store exceptions are built. Messages say what is wrong with which path and the
/// exact command or step that fixes it, the way ssh does; they never carry key bytes.
/// </summary>
internal static class StorageErrors
{
    /// <summary>What removing a file costs, when the caller does not say.</summary>
    public const string GenericRemovalCost = "Tether will then create new keys, and anything paired with the old ones must be paired again";

    public static InsecurePermissionsException TooOpen(string path, UnixFileMode mode, bool directory) =>
        new(path, Format(
            "{0} {1} has mode {2}: other users can {3} it, and it holds keys only you may use. Tether refuses it. Fix it with: chmod {4} {1}",
            directory ? "The directory" : "The key file", path, Octal(mode), directory ? "enter or list" : "read or change", directory ? "700" : "600"), null);

    public static InsecurePermissionsException SymbolicLink(string path) =>
        new(path, Format(
            "{0} is a symbolic link; Tether keeps keys only in real files and directories it created, so a link (which could point anywhere) is refused. Replace the link with what it points to, or remove it.",
            path), null);

    public static InsecurePermissionsException WrongOwner(string path, uint owner, uint self) =>
        new(path, Format(
            "{0} is owned by uid {1}, not by you (uid {2}); another user could change the keys in it. Tether refuses it. Fix it with: sudo chown {2} {0}  (or remove it if you did not create it)",
            path, owner, self), null);

    public static KeyStoreException NotADirectory(string path) =>
        new InsecurePermissionsException(path, Format("{0} should be a directory of the key store but is a file. Move it away.", path), null);

    public static KeyStoreCorruptException Corrupt(string path, string problem, string? removalCost, Exception? inner = null) =>
        KeyStoreCorruptException.ForFile(path, problem, removalCost, inner);

    public static KeyStoreWriteException WriteFailed(string path, Exception inner) =>
        new(path, Format("Could not write {0}: {1} The previous version of the file is unchanged.", path, inner.Message), inner);

    public static KeyStoreWriteException SyncFailed(string path, Exception inner) =>
        new(path, Format("{0} was written, but syncing its directory failed ({1}); a power loss now could undo the change.", path, inner.Message), inner);

    public static KeyStoreLockTimeoutException LockTimeout(string path, TimeSpan timeout, Exception? last) =>
        new(path, Format(
            "Could not lock {0} within {1} s: another tether process is updating the same files ({2}). Try again; if it persists, find that process.",
            path, timeout.TotalSeconds, last?.Message ?? "no detail"), last);

    public static ArgumentException NotUnderRoot(string path, string root) =>
        new(Format("{0} is not inside the key store root {1}.", path, root), nameof(path));

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
