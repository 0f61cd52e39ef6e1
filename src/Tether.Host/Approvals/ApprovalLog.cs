using Microsoft.Extensions.Logging;

namespace Tether.Host.Approvals;

internal static partial class ApprovalLog
{
    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "security: refused an approval answer that names no pending request")]
    public static partial void UnknownAnswer(ILogger logger);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Warning, Message = "security: refused an approval answer for {Tool} whose input hash is not the request's")]
    public static partial void WrongInputHash(ILogger logger, string tool);

    [LoggerMessage(EventId = 9203, Level = LogLevel.Error, Message = "security: the audit log could not be written; the tool call is denied")]
    public static partial void AuditFailed(ILogger logger, Exception reason);
}
