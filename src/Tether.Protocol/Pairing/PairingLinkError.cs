namespace Tether.Protocol.Pairing;

/// <summary>
/// Why a pairing link was refused (docs/protocol.md §2.3), in the order the parser checks. Each
/// value maps to the spec's code through <see cref="PairingLinkErrorExtensions.ToCode"/>.
/// </summary>
public enum PairingLinkError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary><c>link</c>: a whole link without <c>#</c>, or whose base is not exactly <c>&lt;relay URL&gt;/pair</c>.</summary>
    Link,

    /// <summary><c>encoding</c>: the payload is not canonical unpadded base64url.</summary>
    Encoding,

    /// <summary><c>version</c>: the payload is empty or its version byte is not 0x01.</summary>
    Version,

    /// <summary><c>truncated</c>: fewer than 91 + n bytes.</summary>
    Truncated,

    /// <summary><c>trailing</c>: more than 91 + n bytes.</summary>
    Trailing,

    /// <summary><c>relay-url</c>: the URL length is 0 or over 512, or the URL breaks the §2.2 grammar.</summary>
    RelayUrl,

    /// <summary><c>key</c>: the host static key or the PSK is 32 zero bytes.</summary>
    Key,

    /// <summary><c>expired</c>: expiry ≤ now.</summary>
    Expired,
}
