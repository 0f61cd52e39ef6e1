namespace Tether.Client.Storage;

/// <summary>
/// Another process held a key store's lock file for longer than the deadline.
/// </summary>
public sealed class KeyStoreLockTimeoutException : KeyStoreException
{
    /// <summary>Creates an exception with a default message.</summary>
    public KeyStoreLockTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public KeyStoreLockTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public KeyStoreLockTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="path"/>.</summary>
    public KeyStoreLockTimeoutException(string path, string message, Exception? innerException)
        : base(path, message, innerException)
    {
    }
}
