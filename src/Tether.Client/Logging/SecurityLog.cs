using Microsoft.Extensions.Logging;

namespace Tether.Client.Logging;

/// <summary>
/// Security events of the session layer (docs/protocol.md §9), written under the category
/// <see cref="Category"/>, one event id per kind. They name the channel prefix, the relay peer and an
/// error code; never payloads, keys, stream ids or message contents.
/// </summary>
internal static partial class SecurityLog
{
    /// <summary>The logger category the host's audit and alerting read.</summary>
    public const string Category = "Tether.Security";

    [LoggerMessage(ClientEventIds.RecordUndecryptable, LogLevel.Warning, "session {Channel}: a record from peer {PeerId} failed to decrypt (modified, replayed, reordered or injected); session dropped")]
    public static partial void RecordUndecryptable(this ILogger logger, string channel, uint peerId);

    [LoggerMessage(ClientEventIds.RecordRuleBroken, LogLevel.Warning, "session {Channel}: a record from peer {PeerId} broke a record rule ({Code}); session dropped")]
    public static partial void RecordRuleBroken(this ILogger logger, string channel, uint peerId, string code);

    [LoggerMessage(ClientEventIds.AckViolation, LogLevel.Warning, "session {Channel}: peer {PeerId} sent an impossible acknowledgement ({Code}); session dropped")]
    public static partial void AckViolation(this ILogger logger, string channel, uint peerId, string code);

    [LoggerMessage(ClientEventIds.HandshakeUnknownKey, LogLevel.Warning, "session {Channel}: refused a handshake from peer {PeerId}: not a paired device")]
    public static partial void HandshakeUnknownKey(this ILogger logger, string channel, uint peerId);

    [LoggerMessage(ClientEventIds.HandshakeRevokedKey, LogLevel.Warning, "session {Channel}: refused a handshake from peer {PeerId}: revoked device")]
    public static partial void HandshakeRevokedKey(this ILogger logger, string channel, uint peerId);

    [LoggerMessage(ClientEventIds.HandshakeMalformed, LogLevel.Warning, "session {Channel}: refused a handshake from peer {PeerId}: not a valid first message")]
    public static partial void HandshakeMalformed(this ILogger logger, string channel, uint peerId);

    [LoggerMessage(ClientEventIds.RevokedConnectionKicked, LogLevel.Warning, "session {Channel}: peer {PeerId} is a revoked device's connection; kicked")]
    public static partial void RevokedConnectionKicked(this ILogger logger, string channel, uint peerId);

    [LoggerMessage(ClientEventIds.AnswerInvalid, LogLevel.Warning, "session {Channel}: the host's answer was not valid ({Why}); handshake dropped")]
    public static partial void AnswerInvalid(this ILogger logger, string channel, string why);
}
