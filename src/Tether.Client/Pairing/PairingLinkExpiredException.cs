namespace Tether.Client.Pairing;

/// <summary>The pairing link had expired (by this device's clock) before anything was sent; scan a new one.</summary>
public sealed class PairingLinkExpiredException : PairingException
{
    /// <summary>Creates an exception with a default message.</summary>
    public PairingLinkExpiredException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PairingLinkExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PairingLinkExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
