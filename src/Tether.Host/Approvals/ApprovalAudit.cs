using Microsoft.Extensions.Logging;
using Tether.Host.Audit;
using Tether.Protocol.Session;

namespace Tether.Host.Approvals;

/// <summary>
/// The approval engine's records in the audit log: the request (tool, input hash, summary) and the
/// decision (who or which rule, latency, reason), naming the device that held the session.
/// </summary>
public sealed class ApprovalAudit(AuditLog log, Func<string?> activeDevice, ILogger logger)
{
    /// <summary>Records a request; false when the log could not be written (the caller denies).</summary>
    public bool TryRequest(string id, ToolCall call, string summary) =>
        Try(() => log.ApprovalRequest(id, call.Tool, SessionMessages.HashInput(SessionMessages.Canonical(call.Input)), summary));

    /// <summary>Records a decision; false when the log could not be written.</summary>
    public bool TryDecision(string id, ApprovalDecision decision, TimeSpan latency)
    {
        var by = decision.By == "device" ? $"device {activeDevice() ?? "(unknown)"}" : decision.By;
        return Try(() => log.ApprovalDecision(id, decision.Allowed, by, latency, decision.Reason));
    }

    private bool Try(Func<long> append)
    {
        try
        {
            append();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Tether.Client.Storage.KeyStoreException)
        {
            ApprovalLog.AuditFailed(logger, e);
            return false;
        }
    }
}
