namespace Tether.Host.Devices;

/// <summary>No paired, non-revoked device matches what was asked for; the message lists the devices there are.</summary>
public sealed class DeviceNotFoundException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public DeviceNotFoundException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DeviceNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public DeviceNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
