using Microsoft.Extensions.Logging;

namespace Tether.Host.Runtime;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "ignored a session message that is not a known, well-formed one ({Length} bytes)")]
    public static partial void MalformedMessage(ILogger logger, int length);
}
