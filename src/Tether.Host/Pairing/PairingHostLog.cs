using Microsoft.Extensions.Logging;

namespace Tether.Host.Pairing;

/// <summary>
/// The pairing host's log lines: outcomes and counts only. Never the link, the PSK, keys or the code
/// digits: whoever reads a log must not be able to pair with the link or learn the code.
/// </summary>
internal static partial class PairingHostLog
{
    // 3xx: pairing (the host's event id range for this feature).
    private const int Waiting = 300;
    private const int PeerJoinedId = 301;
    private const int ExtraPeerId = 302;
    private const int HandshakeFailedId = 303;
    private const int WrongCodeId = 304;
    private const int BurntId = 305;
    private const int ExpiredId = 306;
    private const int CancelledId = 307;
    private const int PairedId = 308;
    private const int FailedId = 309;

    [LoggerMessage(Waiting, LogLevel.Information, "pairing: link open, waiting for a device")]
    public static partial void WaitingForDevice(this ILogger logger);

    [LoggerMessage(PeerJoinedId, LogLevel.Information, "pairing: a device joined as peer {PeerId}; the link is spent")]
    public static partial void PeerJoined(this ILogger logger, uint peerId);

    [LoggerMessage(ExtraPeerId, LogLevel.Warning, "pairing: another peer {PeerId} joined the pairing channel; kicked (the link works once)")]
    public static partial void ExtraPeerKicked(this ILogger logger, uint peerId);

    [LoggerMessage(HandshakeFailedId, LogLevel.Warning, "pairing: the device's handshake failed ({Error}); the link is burnt")]
    public static partial void HandshakeFailed(this ILogger logger, string error);

    [LoggerMessage(WrongCodeId, LogLevel.Warning, "pairing: wrong code, {AttemptsLeft} attempts left")]
    public static partial void WrongCode(this ILogger logger, int attemptsLeft);

    [LoggerMessage(BurntId, LogLevel.Warning, "pairing: wrong code three times; the link is burnt and nothing was stored")]
    public static partial void Burnt(this ILogger logger);

    [LoggerMessage(ExpiredId, LogLevel.Information, "pairing: the link expired; nothing was stored")]
    public static partial void Expired(this ILogger logger);

    [LoggerMessage(CancelledId, LogLevel.Information, "pairing: cancelled; nothing was stored")]
    public static partial void Cancelled(this ILogger logger);

    [LoggerMessage(PairedId, LogLevel.Information, "pairing: paired device \"{Name}\"")]
    public static partial void Paired(this ILogger logger, string name);

    [LoggerMessage(FailedId, LogLevel.Warning, "pairing: failed ({Reason}); nothing was stored")]
    public static partial void Failed(this ILogger logger, string reason);
}
