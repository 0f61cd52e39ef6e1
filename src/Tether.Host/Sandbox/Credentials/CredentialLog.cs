using Microsoft.Extensions.Logging;

namespace Tether.Host.Sandbox.Credentials;

// No message here takes a header value: the key and the placeholder never reach a log line.
internal static partial class CredentialLog
{
    [LoggerMessage(EventId = 9751, Level = LogLevel.Warning, Message = "security: refused {Method} {Path} to the credential injector: the request did not carry the session's placeholder key")]
    public static partial void WrongPlaceholder(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 9752, Level = LogLevel.Warning, Message = "security: refused {Method} {Path} to the credential injector: not a Messages API path")]
    public static partial void PathRefused(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 9753, Level = LogLevel.Information, Message = "forwarded {Method} {Path} to the API: {Status}")]
    public static partial void Forwarded(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 9754, Level = LogLevel.Warning, Message = "the API could not be reached for {Method} {Path} ({ErrorType})")]
    public static partial void UpstreamFailed(ILogger logger, string method, string path, string errorType);
}
