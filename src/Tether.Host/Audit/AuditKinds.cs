namespace Tether.Host.Audit;

/// <summary>The <c>kind</c> of every audit record; tools that read the log match on these strings.</summary>
public static class AuditKinds
{
    /// <summary>The host started an agent session.</summary>
    public const string SessionStart = "session.start";

    /// <summary>The session ended.</summary>
    public const string SessionEnd = "session.end";

    /// <summary>A paired device completed a session handshake.</summary>
    public const string DeviceConnect = "device.connect";

    /// <summary>A device's connection ended.</summary>
    public const string DeviceDisconnect = "device.disconnect";

    /// <summary>The agent asked to run a tool that needs a decision.</summary>
    public const string ApprovalRequest = "approval.request";

    /// <summary>That request was allowed or denied, and by whom.</summary>
    public const string ApprovalDecision = "approval.decision";

    /// <summary>Something security-relevant happened (a refused handshake, a broken frame, a tampered log).</summary>
    public const string Security = "security";
}
