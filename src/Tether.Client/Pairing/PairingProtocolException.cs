namespace Tether.Client.Pairing;

/// <summary>The host's side of the exchange broke a rule of docs/protocol.md §8: a message that did not decrypt, did not parse, came out of order, or a certificate that does not verify or names another key or channel. The connection was dropped and nothing stored.</summary>
public sealed class PairingProtocolException : PairingException
{
    /// <summary>Creates an exception with a default message.</summary>
    public PairingProtocolException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PairingProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PairingProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
