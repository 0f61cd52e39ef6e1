namespace Tether.Client.Storage;

/// <summary>
/// Writing a key store file failed (for example the disk is full). The previous version of the file is intact and no temporary file is left behind.
/// </summary>
public sealed class KeyStoreWriteException : KeyStoreException
{
    /// <summary>Creates an exception with a default message.</summary>
    public KeyStoreWriteException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public KeyStoreWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public KeyStoreWriteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="path"/>.</summary>
    public KeyStoreWriteException(string path, string message, Exception? innerException)
        : base(path, message, innerException)
    {
    }
}
