namespace Tether.Client.Pairing;

/// <summary>The device stored the paired host and said so, but the host did not confirm with <c>pair.done</c>. The host may not have saved this device: the caller should remove the record it stored and pair again.</summary>
public sealed class PairingUnconfirmedException : PairingException
{
    /// <summary>Creates an exception with a default message.</summary>
    public PairingUnconfirmedException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PairingUnconfirmedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PairingUnconfirmedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
