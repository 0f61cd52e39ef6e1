namespace Tether.Client.Storage;

/// <summary>
/// A key store file or directory can be read, written or entered by someone other than its owner, or is a symbolic link or owned by another user: it is refused (architecture invariant 7). The message says how to fix it.
/// </summary>
public sealed class InsecurePermissionsException : KeyStoreException
{
    /// <summary>Creates an exception with a default message.</summary>
    public InsecurePermissionsException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public InsecurePermissionsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public InsecurePermissionsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="path"/>.</summary>
    public InsecurePermissionsException(string path, string message, Exception? innerException)
        : base(path, message, innerException)
    {
    }
}
