namespace Tether.Protocol.Pairing;

/// <summary>The one mapping from <see cref="PairingLinkError"/> to the codes of docs/protocol.md §2.3.</summary>
public static class PairingLinkErrorExtensions
{
    /// <summary>The protocol's code for <paramref name="error"/>, e.g. <c>"relay-url"</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is not a defined value.</exception>
    public static string ToCode(this PairingLinkError error) => error switch
    {
        PairingLinkError.None => "none",
        PairingLinkError.Link => "link",
        PairingLinkError.Encoding => "encoding",
        PairingLinkError.Version => "version",
        PairingLinkError.Truncated => "truncated",
        PairingLinkError.Trailing => "trailing",
        PairingLinkError.RelayUrl => "relay-url",
        PairingLinkError.Key => "key",
        PairingLinkError.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "not a PairingLinkError value"),
    };
}
