using Microsoft.Extensions.Logging;

namespace Tether.Host.Sandbox.Egress;

internal static partial class EgressLog
{
    [LoggerMessage(EventId = 9701, Level = LogLevel.Warning, Message = "security: egress to {Host}:{Port} refused ({Reason})")]
    public static partial void Denied(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 9702, Level = LogLevel.Error, Message = "the egress audit log could not be written")]
    public static partial void AuditFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 9703, Level = LogLevel.Debug, Message = "an egress connection failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 9704, Level = LogLevel.Warning, Message = "the device could not be told about a refused egress connection")]
    public static partial void NoticeFailed(ILogger logger, Exception error);
}
