using Microsoft.Extensions.Logging;

namespace Tether.Relay.Observability;

/// <summary>
/// The relay's log lines. They carry salted channel tags (<see cref="ChannelTag"/>), roles, peer ids,
/// counts and reasons: never a channel id in clear, an address, a credential or a payload byte.
/// </summary>
internal static partial class RelayLog
{
    [LoggerMessage(RelayEventIds.Started, LogLevel.Information, "Relay listening on {Urls}")]
    public static partial void Started(ILogger logger, string urls);

    [LoggerMessage(RelayEventIds.Stopping, LogLevel.Information, "Relay stopping: telling {Connections} connections to reconnect elsewhere")]
    public static partial void Stopping(ILogger logger, int connections);

    [LoggerMessage(RelayEventIds.Stopped, LogLevel.Information, "Relay stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(RelayEventIds.Welcomed, LogLevel.Debug, "Channel {Channel}: {Role} peer {PeerId} welcomed")]
    public static partial void Welcomed(ILogger logger, string channel, string role, uint peerId);

    [LoggerMessage(RelayEventIds.Closed, LogLevel.Debug, "Channel {Channel}: {Role} peer {PeerId} closed ({Reason}); {FramesIn} frames in, {FramesOut} out")]
    public static partial void Closed(ILogger logger, string channel, string role, uint peerId, string reason, long framesIn, long framesOut);

    [LoggerMessage(RelayEventIds.AuthFailed, LogLevel.Information, "Channel {Channel}: authentication failed ({Reason})")]
    public static partial void AuthFailed(ILogger logger, string channel, string reason);

    [LoggerMessage(RelayEventIds.Superseded, LogLevel.Information, "Channel {Channel}: host peer {OldPeerId} superseded by peer {NewPeerId}")]
    public static partial void Superseded(ILogger logger, string channel, uint oldPeerId, uint newPeerId);

    [LoggerMessage(RelayEventIds.Kicked, LogLevel.Information, "Channel {Channel}: host kicked peer {PeerId}")]
    public static partial void Kicked(ILogger logger, string channel, uint peerId);

    [LoggerMessage(RelayEventIds.SlowConsumer, LogLevel.Warning, "Channel {Channel}: {Role} peer {PeerId} did not drain its queue in time; disconnected")]
    public static partial void SlowConsumer(ILogger logger, string channel, string role, uint peerId);

    [LoggerMessage(RelayEventIds.ProtocolError, LogLevel.Information, "Channel {Channel}: {Role} peer {PeerId} broke the protocol ({Reason}: {Detail})")]
    public static partial void ProtocolError(ILogger logger, string channel, string role, uint peerId, string reason, string detail);

    [LoggerMessage(RelayEventIds.Refused, LogLevel.Debug, "Connection refused before upgrade ({Reason})")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(RelayEventIds.RefreshIgnored, LogLevel.Debug, "Channel {Channel}: peer {PeerId} refreshed too soon; ignored")]
    public static partial void RefreshIgnored(ILogger logger, string channel, uint peerId);

    [LoggerMessage(RelayEventIds.PairingSlotOpened, LogLevel.Debug, "Channel {Channel}: pairing slot opened ({Open} open)")]
    public static partial void PairingSlotOpened(ILogger logger, string channel, int open);

    [LoggerMessage(RelayEventIds.PairingSlotUsed, LogLevel.Information, "Channel {Channel}: pairing slot used by peer {PeerId}")]
    public static partial void PairingSlotUsed(ILogger logger, string channel, uint peerId);

    [LoggerMessage(RelayEventIds.HandlerFailed, LogLevel.Error, "Channel {Channel}: connection handler failed")]
    public static partial void HandlerFailed(ILogger logger, string channel, Exception exception);
}
