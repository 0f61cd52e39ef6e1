using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>How one relay connection, or an attempt at one, ended.</summary>
/// <param name="Reason">The relay's close reason; null for a failure without one (network, TLS, a malformed frame from the relay).</param>
/// <param name="Welcomed">Whether the relay had welcomed the connection.</param>
/// <param name="UsedToken">Whether HELLO carried a saved token rather than a proof.</param>
/// <param name="HelloSent">Whether a HELLO went out (for a pairing peer, the one-time code is then spent).</param>
/// <param name="RestartHint">RESTARTING's reconnect-after, when the node said it is going away.</param>
/// <param name="CertificateRejected">Whether the relay's TLS certificate failed validation or the pin.</param>
internal readonly record struct ConnectionEnd(
    RelayCloseReason? Reason,
    bool Welcomed,
    bool UsedToken,
    bool HelloSent,
    TimeSpan? RestartHint,
    bool CertificateRejected);
