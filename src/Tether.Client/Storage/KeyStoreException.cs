namespace Tether.Client.Storage;

/// <summary>
/// The base of every key store failure. Messages name the file and what to do about it, never the
/// secrets inside it.
/// </summary>
public class KeyStoreException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public KeyStoreException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public KeyStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public KeyStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about one file or directory.</summary>
    protected KeyStoreException(string path, string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The file or directory concerned, if there is one.</summary>
    public string? Path { get; }
}
