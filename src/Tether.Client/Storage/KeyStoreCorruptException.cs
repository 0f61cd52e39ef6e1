namespace Tether.Client.Storage;

/// <summary>
/// A key store file could not be read or parsed. Tether never replaces such a file on its own: the message says to restore it from a backup or remove it (and what removing it costs).
/// </summary>
public sealed class KeyStoreCorruptException : KeyStoreException
{
    /// <summary>Creates an exception with a default message.</summary>
    public KeyStoreCorruptException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public KeyStoreCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public KeyStoreCorruptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="path"/>.</summary>
    public KeyStoreCorruptException(string path, string message, Exception? innerException)
        : base(path, message, innerException)
    {
    }

    /// <summary>
    /// The standard message: what is wrong with <paramref name="path"/>, that nothing was changed, and the two
    /// ways out (restore it, or remove it at the cost <paramref name="removalCost"/> states). Never pass key bytes.
    /// </summary>
    public static KeyStoreCorruptException ForFile(string path, string problem, string? removalCost, Exception? innerException = null) =>
        new(path, string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "{0} cannot be used: {1}. Tether never replaces a key store file on its own, so nothing was changed. Restore it from a backup, or remove it ({2}).",
            path, problem, removalCost ?? StorageErrors.GenericRemovalCost), innerException);
}
