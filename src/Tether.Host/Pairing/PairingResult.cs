namespace Tether.Host.Pairing;

/// <summary>How one pairing link ended (docs/protocol.md §8.5). Only <see cref="Paired"/> stored anything.</summary>
public abstract record PairingResult
{
    private protected PairingResult()
    {
    }

    /// <summary>The code matched, both sides stored the pairing.</summary>
    /// <param name="Device">What the host stored.</param>
    public sealed record Paired(NewDevice Device) : PairingResult;

    /// <summary>Three wrong codes: the link is burnt and nothing was stored.</summary>
    public sealed record Burnt : PairingResult;

    /// <summary>The link expired before the pairing completed; nothing was stored.</summary>
    public sealed record Expired : PairingResult;

    /// <summary>The caller cancelled; nothing was stored.</summary>
    public sealed record Cancelled : PairingResult;

    /// <summary>The pairing broke off; nothing was stored.</summary>
    /// <param name="Reason">
    /// A short code: <c>relay-closed</c>, <c>relay-lost</c>, <c>peer-left</c>, <c>timeout</c>,
    /// <c>handshake</c>, <c>bad-hello</c>, <c>unexpected-message</c>, <c>store-failed</c>.
    /// </param>
    public sealed record Failed(string Reason) : PairingResult;
}
