using Microsoft.Extensions.Logging;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// The Claude driver's log lines (event ids 93xx). Sizes, ids and codes only: never prompts, tool
/// inputs or stdout content, which can hold the user's code and secrets.
/// </summary>
internal static partial class ClaudeLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "claude: Claude Code {Version} at {Path}")]
    public static partial void Version(ILogger logger, ClaudeVersion version, string path);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Information, Message = "claude: started process {Pid} in {Mode} mode (resuming {Resuming})")]
    public static partial void Started(ILogger logger, int pid, string mode, bool resuming);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "claude: skipped a stdout line that is not JSON ({Length} bytes)")]
    public static partial void NotJson(ILogger logger, int length);

    [LoggerMessage(EventId = 9304, Level = LogLevel.Warning, Message = "claude: skipped a stdout line of {Length} bytes (over the {Max}-byte cap)")]
    public static partial void LineTooLong(ILogger logger, long length, int max);

    [LoggerMessage(EventId = 9305, Level = LogLevel.Information, Message = "claude: answered control request {RequestId} of subtype {Subtype} with an error (not served)")]
    public static partial void UnservedControl(ILogger logger, string requestId, string subtype);

    [LoggerMessage(EventId = 9306, Level = LogLevel.Information, Message = "claude: dropped the answer to request {RequestId}: Claude withdrew it or the process ended")]
    public static partial void LateAnswer(ILogger logger, string requestId);

    [LoggerMessage(EventId = 9307, Level = LogLevel.Warning, Message = "claude: the approver failed on a {Tool} call; denied")]
    public static partial void ApproverFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(EventId = 9308, Level = LogLevel.Warning, Message = "claude: process {Pid} exited with code {Code}")]
    public static partial void Exited(ILogger logger, int pid, int code);

    [LoggerMessage(EventId = 9309, Level = LogLevel.Information, Message = "claude: could not write to stdin (the process is ending)")]
    public static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9310, Level = LogLevel.Debug, Message = "claude: session {SessionId} stored for resume")]
    public static partial void SessionStored(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 9311, Level = LogLevel.Warning, Message = "claude: the resume state is unreadable ({Error}); starting a new conversation")]
    public static partial void ResumeUnreadable(ILogger logger, string error);

    [LoggerMessage(EventId = 9312, Level = LogLevel.Warning, Message = "claude: could not store session {SessionId} for resume ({Error})")]
    public static partial void ResumeNotSaved(ILogger logger, string sessionId, string error);

    [LoggerMessage(EventId = 9313, Level = LogLevel.Warning, Message = "claude: could not send a {Type} message to the device")]
    public static partial void OutputFailed(ILogger logger, string type, Exception exception);

    [LoggerMessage(EventId = 9314, Level = LogLevel.Warning, Message = "claude: control request {RequestId} failed: {Error}")]
    public static partial void ControlFailed(ILogger logger, string requestId, string error);

    [LoggerMessage(EventId = 9315, Level = LogLevel.Error, Message = "claude: reading process {Pid} failed")]
    public static partial void ReaderFailed(ILogger logger, int pid, Exception exception);

    [LoggerMessage(EventId = 9316, Level = LogLevel.Information, Message = "claude: process {Pid} stopped")]
    public static partial void Stopped(ILogger logger, int pid);

    [LoggerMessage(EventId = 9317, Level = LogLevel.Warning, Message = "claude: the approver's updated input for a {Tool} call is not a JSON object; denied")]
    public static partial void InvalidUpdatedInput(ILogger logger, string tool);

    [LoggerMessage(EventId = 9318, Level = LogLevel.Warning, Message = "claude: a can_use_tool request without an id or tool name; answered with an error")]
    public static partial void MalformedPermissionRequest(ILogger logger);

    [LoggerMessage(EventId = 9319, Level = LogLevel.Warning, Message = "claude: could not start ({Error})")]
    public static partial void StartFailed(ILogger logger, string error);
}
