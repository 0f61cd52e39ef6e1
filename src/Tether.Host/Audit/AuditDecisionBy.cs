namespace Tether.Host.Audit;

/// <summary>
/// The fixed values of an <c>approval.decision</c>'s <c>by</c> field. Otherwise <c>by</c> holds the
/// name of the device that answered, or the text of the session rule that decided.
/// </summary>
public static class AuditDecisionBy
{
    /// <summary>Nobody answered before the deadline: denied.</summary>
    public const string Timeout = "timeout";

    /// <summary>No paired device was connected to ask: denied.</summary>
    public const string NoDevice = "no-device";

    /// <summary>The host or the turn was stopping: denied.</summary>
    public const string Stopping = "stopping";

    /// <summary>Decided by the engine's fixed policy (reads auto-allowed, bypass modes refused, …).</summary>
    public const string Policy = "policy";
}
