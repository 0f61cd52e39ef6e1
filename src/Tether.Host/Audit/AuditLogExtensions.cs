namespace Tether.Host.Audit;

/// <summary>One call per kind of record, for the host's parts that write them; each returns the record's seq.</summary>
public static class AuditLogExtensions
{
    /// <summary>Records <c>session.start</c>.</summary>
    public static long SessionStart(this AuditLog log, string agent, string relay, int pid) =>
        Checked(log).Append(new SessionStarted(agent, relay, pid));

    /// <summary>Records <c>session.end</c>.</summary>
    public static long SessionEnd(this AuditLog log, string reason) =>
        Checked(log).Append(new SessionEnded(reason));

    /// <summary>Records <c>device.connect</c>.</summary>
    public static long DeviceConnect(this AuditLog log, string device, string fingerprint, string? reason = null) =>
        Checked(log).Append(new DeviceConnected(device, fingerprint, reason));

    /// <summary>Records <c>device.disconnect</c>.</summary>
    public static long DeviceDisconnect(this AuditLog log, string device, string fingerprint, string reason) =>
        Checked(log).Append(new DeviceDisconnected(device, fingerprint, reason));

    /// <summary>Records <c>approval.request</c>: the input only as its hash, plus a short summary.</summary>
    public static long ApprovalRequest(this AuditLog log, string requestId, string tool, string inputSha256, string summary) =>
        Checked(log).Append(new ApprovalRequested(requestId, tool, inputSha256, summary));

    /// <summary>Records <c>approval.decision</c>.</summary>
    public static long ApprovalDecision(this AuditLog log, string requestId, bool allowed, string by, TimeSpan latency, string reason) =>
        Checked(log).Append(new ApprovalDecided(requestId, allowed, by, (long)latency.TotalMilliseconds, reason));

    /// <summary>Records a <c>security</c> event.</summary>
    public static long Security(this AuditLog log, string name, string detail) =>
        Checked(log).Append(new SecurityEvent(name, detail));

    private static AuditLog Checked(AuditLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log;
    }
}
