namespace Tether.Protocol.Pairing;

/// <summary>
/// Every exception the pairing code throws, in one place. They are for caller bugs only (a scanned
/// link or typed code returns an error value instead). Messages never carry the PSK, keys or the link.
/// </summary>
internal static class PairingExceptions
{
    public static ArgumentException WrongLength(string paramName, int expected, int actual) =>
        new($"Expected {expected} bytes, got {actual}.", paramName);

    public static ArgumentException Refused(PairingLinkError error) =>
        new($"{error.ToCode()}: a parser would refuse this pairing link, so it is not made.");
}
