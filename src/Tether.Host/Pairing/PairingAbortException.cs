namespace Tether.Host.Pairing;

/// <summary>
/// Unwinds a pairing run to <see cref="PairingHost.RunAsync"/> with its result, and the
/// <c>pair.rejected</c> reason to tell the device (null when there is no encrypted channel to tell it on).
/// Internal control flow only; never escapes the host.
/// </summary>
internal sealed class PairingAbortException : Exception
{
    public PairingAbortException()
        : this(new PairingResult.Failed("error"), null)
    {
    }

    public PairingAbortException(string message)
        : base(message)
    {
        Result = new PairingResult.Failed("error");
    }

    public PairingAbortException(string message, Exception innerException)
        : base(message, innerException)
    {
        Result = new PairingResult.Failed("error");
    }

    public PairingAbortException(PairingResult result, string? rejectReason)
        : base($"Pairing ended: {result}.")
    {
        Result = result;
        RejectReason = rejectReason;
    }

    public PairingResult Result { get; }

    public string? RejectReason { get; }

    public static PairingAbortException Failed(string reason, string? rejectReason) => new(new PairingResult.Failed(reason), rejectReason);
}
