namespace Tether.Client.Pairing;

/// <summary>The host refused the pairing (<c>pair.rejected</c>, docs/protocol.md §8.3); nothing was stored.</summary>
public sealed class PairingRejectedException : PairingException
{
    /// <summary>Creates an exception with a default message.</summary>
    public PairingRejectedException()
    {
        Reason = "error";
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PairingRejectedException(string message)
        : base(message)
    {
        Reason = "error";
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PairingRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "error";
    }

    /// <summary>Creates an exception for the host's reason.</summary>
    /// <param name="reason"><c>wrong-code</c>, <c>expired</c>, <c>cancelled</c> or <c>error</c>.</param>
    /// <param name="message">What to tell the user.</param>
    public PairingRejectedException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>The host's reason: <c>wrong-code</c> (three wrong codes burnt the link), <c>expired</c>, <c>cancelled</c> or <c>error</c>.</summary>
    public string Reason { get; }
}
