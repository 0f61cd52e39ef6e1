using Microsoft.Extensions.Logging;

namespace Tether.Host.Runtime;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "ignored a session message that is not a known, well-formed one ({Length} bytes)")]
    public static partial void MalformedMessage(ILogger logger, int length);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "the audit log could not be written")]
    public static partial void AuditFailed(ILogger logger, Exception reason);
}
