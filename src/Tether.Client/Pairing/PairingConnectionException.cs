namespace Tether.Client.Pairing;

/// <summary>The relay connection ended, the host went offline, or a reply did not come in time; nothing was stored.</summary>
public sealed class PairingConnectionException : PairingException
{
    /// <summary>Creates an exception with a default message.</summary>
    public PairingConnectionException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PairingConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PairingConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
