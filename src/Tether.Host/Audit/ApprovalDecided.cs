using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary><c>approval.decision</c>: a request was allowed or denied.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Allowed">True for allow; written as <c>"decision": "allow"</c> or <c>"deny"</c>.</param>
/// <param name="By">The device's name, the session rule's text, or one of <see cref="AuditDecisionBy"/>.</param>
/// <param name="LatencyMs">Milliseconds from the request to the decision.</param>
/// <param name="Reason">Why, in words a person can read.</param>
public sealed record ApprovalDecided(string RequestId, bool Allowed, string By, long LatencyMs, string Reason) : AuditEvent
{
    public string RequestId { get; init; } = AuditText.Required(RequestId, nameof(RequestId));

    public string By { get; init; } = AuditText.Required(By, nameof(By));

    public long LatencyMs { get; init; } = LatencyMs >= 0
        ? LatencyMs
        : throw new ArgumentOutOfRangeException(nameof(LatencyMs), LatencyMs, "A latency cannot be negative.");

    public string Reason { get; init; } = AuditText.Required(Reason, nameof(Reason));

    /// <inheritdoc />
    public override string Kind => AuditKinds.ApprovalDecision;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("request_id", AuditText.Short(RequestId));
        writer.WriteString("decision", Allowed ? "allow" : "deny");
        writer.WriteString("by", AuditText.Short(By));
        writer.WriteNumber("latency_ms", LatencyMs);
        writer.WriteString("reason", AuditText.Short(Reason));
    }
}
