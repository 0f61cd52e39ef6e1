using Microsoft.Extensions.Logging;
using Tether.Client.Sessions;

namespace Tether.Client.Logging;

/// <summary>The reliable session's log lines: peers, sequence numbers, counts and error codes; never message contents.</summary>
internal static partial class ReliableChannelLog
{
    [LoggerMessage(ClientEventIds.SessionEstablished, LogLevel.Debug, "session {Channel}: established with peer {PeerId}, resending {Count} unacknowledged messages")]
    public static partial void SessionEstablished(this ILogger logger, string channel, uint peerId, int count);

    [LoggerMessage(ClientEventIds.SessionDropped, LogLevel.Debug, "session {Channel}: dropped ({Why})")]
    public static partial void SessionDropped(this ILogger logger, string channel, string why);

    [LoggerMessage(ClientEventIds.HandshakeRefused, LogLevel.Information, "session {Channel}: refused a handshake from peer {PeerId} ({Why})")]
    public static partial void HandshakeRefused(this ILogger logger, string channel, uint peerId, string why);

    [LoggerMessage(ClientEventIds.StreamEnded, LogLevel.Information, "session {Channel}: stream ended ({Reason}): {Text}")]
    public static partial void StreamEnded(this ILogger logger, string channel, SessionEndReason reason, string text);

    [LoggerMessage(ClientEventIds.ChannelEnded, LogLevel.Information, "session {Channel}: ended ({Reason}): {Text}")]
    public static partial void ChannelEnded(this ILogger logger, string channel, SessionEndReason reason, string text);
}
