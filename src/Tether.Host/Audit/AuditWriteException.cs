namespace Tether.Host.Audit;

/// <summary>
/// A record could not be appended (a full disk, an I/O error). Callers treat this as they treat any
/// failure on a security path: the action the record was for does not go ahead unrecorded.
/// </summary>
public sealed class AuditWriteException : IOException
{
    /// <summary>Creates an exception with a default message.</summary>
    public AuditWriteException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AuditWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public AuditWriteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about the log at <paramref name="path"/>.</summary>
    public AuditWriteException(string path, string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The log concerned, if known.</summary>
    public string? Path { get; }
}
