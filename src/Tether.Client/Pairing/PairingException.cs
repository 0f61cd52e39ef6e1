namespace Tether.Client.Pairing;

/// <summary>
/// Base type of every way <see cref="PairingDevice.PairAsync(Tether.Protocol.Pairing.PairingLink, DeviceIdentityForPairing, IDevicePairingEvents, Func{PairingGrant, CancellationToken, Task}, TimeProvider, CancellationToken)"/>
/// fails. Whatever the subtype, nothing was stored unless it is <see cref="PairingUnconfirmedException"/>.
/// Messages never carry the link, keys or the code.
/// </summary>
public class PairingException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public PairingException()
        : base("Pairing failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PairingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PairingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
