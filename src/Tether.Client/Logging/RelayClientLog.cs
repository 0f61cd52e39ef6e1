using Microsoft.Extensions.Logging;
using Tether.Protocol.Relay;

namespace Tether.Client.Logging;

/// <summary>
/// The relay client's log lines. They carry the role, a short channel prefix, counts and reasons;
/// never payloads, tokens, nonces or proofs.
/// </summary>
internal static partial class RelayClientLog
{
    [LoggerMessage(ClientEventIds.Connecting, LogLevel.Debug, "relay {Role} {Channel}: connecting to {Host} (attempt {Attempt}, token {WithToken})")]
    public static partial void Connecting(this ILogger logger, RelayRole role, string channel, string host, int attempt, bool withToken);

    [LoggerMessage(ClientEventIds.Welcomed, LogLevel.Information, "relay {Role} {Channel}: welcomed as peer {PeerId} (host online {HostOnline})")]
    public static partial void Welcomed(this ILogger logger, RelayRole role, string channel, uint peerId, bool hostOnline);

    [LoggerMessage(ClientEventIds.ConnectionEnded, LogLevel.Information, "relay {Role} {Channel}: connection ended ({Reason}), {Dropped} queued frames dropped, retry in {RetryMs} ms")]
    public static partial void ConnectionEnded(this ILogger logger, RelayRole role, string channel, string reason, long dropped, long retryMs);

    [LoggerMessage(ClientEventIds.ConnectFailed, LogLevel.Information, "relay {Role} {Channel}: could not connect ({Error})")]
    public static partial void ConnectFailed(this ILogger logger, RelayRole role, string channel, string error);

    [LoggerMessage(ClientEventIds.TokenRefused, LogLevel.Information, "relay {Role} {Channel}: saved token refused, proving instead")]
    public static partial void TokenRefused(this ILogger logger, RelayRole role, string channel);

    [LoggerMessage(ClientEventIds.Stopped, LogLevel.Information, "relay {Role} {Channel}: stopped ({Reason})")]
    public static partial void Stopped(this ILogger logger, RelayRole role, string channel, string reason);

    [LoggerMessage(ClientEventIds.RelayMisbehaved, LogLevel.Warning, "relay {Role} {Channel}: relay sent {What}; dropping the connection")]
    public static partial void RelayMisbehaved(this ILogger logger, RelayRole role, string channel, string what);

    [LoggerMessage(ClientEventIds.Refreshing, LogLevel.Debug, "relay {Role} {Channel}: refreshing the token ({RemainingSeconds} s left)")]
    public static partial void Refreshing(this ILogger logger, RelayRole role, string channel, long remainingSeconds);

    [LoggerMessage(ClientEventIds.RelayRestarting, LogLevel.Information, "relay {Role} {Channel}: node restarting, reconnect after {AfterMs} ms")]
    public static partial void RelayRestarting(this ILogger logger, RelayRole role, string channel, long afterMs);
}
