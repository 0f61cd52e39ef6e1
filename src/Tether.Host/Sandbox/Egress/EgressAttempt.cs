using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Tether.Host.Audit;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// What one connection asked for, as far as it is known, and how it ended: the audit line, the log line and,
/// for a refusal, the host's callback. Each attempt is recorded exactly once.
/// </summary>
internal sealed class EgressAttempt(EgressProxyOptions options, EgressAuditLog audit, ILogger logger)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>The host as the client named it, canonical once it could be canonicalized.</summary>
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; }

    public string? Sni { get; set; }

    /// <summary>The address dialled, or the refused address a denial names.</summary>
    public string? Address { get; set; }

    /// <summary>Refuses: the host is told first, then the audit line is written.</summary>
    public void Deny(string reason)
    {
        EgressLog.Denied(logger, Host, Port, reason);
        try
        {
            options.OnDenied?.Invoke(new EgressDenial(Host, Port, reason));
        }
#pragma warning disable CA1031 // The callback belongs to the host; its failure must not end the proxy.
        catch (Exception e)
#pragma warning restore CA1031
        {
            EgressLog.NoticeFailed(logger, e);
        }

        Write("deny", reason, 0, 0);
    }

    /// <summary>Records an allowed tunnel once it has ended.</summary>
    public void Allowed(string ending, long bytesUp, long bytesDown) => Write("allow", ending, bytesUp, bytesDown);

    private void Write(string decision, string reason, long up, long down)
    {
        try
        {
            audit.Write(new EgressAuditRecord
            {
                Time = DateTimeOffset.UtcNow.ToString(AuditLine.TimeFormat, CultureInfo.InvariantCulture),
                Session = options.SessionId,
                Host = Host,
                Port = Port,
                Sni = Sni,
                Address = Address,
                Decision = decision,
                Reason = reason,
                BytesUp = up,
                BytesDown = down,
                DurationMs = (long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds,
            });
        }
        catch (AuditWriteException e)
        {
            EgressLog.AuditFailed(logger, e);
        }
    }
}
