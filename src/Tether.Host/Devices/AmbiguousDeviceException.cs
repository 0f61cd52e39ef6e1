namespace Tether.Host.Devices;

/// <summary>A fingerprint prefix matches several devices; the message lists them so the user can type more of it.</summary>
public sealed class AmbiguousDeviceException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public AmbiguousDeviceException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AmbiguousDeviceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public AmbiguousDeviceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
