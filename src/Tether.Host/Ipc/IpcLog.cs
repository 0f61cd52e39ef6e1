using Microsoft.Extensions.Logging;

namespace Tether.Host.Ipc;

internal static partial class IpcLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "security: refused a local IPC connection from uid {Uid} (pid {Pid}): only the host's own user may connect")]
    public static partial void ForeignPeerRefused(ILogger logger, uint uid, int pid);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Debug, Message = "an IPC request was abandoned")]
    public static partial void RequestAbandoned(ILogger logger, Exception reason);
}
