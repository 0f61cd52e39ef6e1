using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary>
/// <c>approval.request</c>: the agent asked to run a tool that needs a decision. The tool's input is
/// recorded only as its hash (the one the device's answer is bound to) and a short summary: inputs
/// hold file contents and commands that may be secret.
/// </summary>
/// <param name="RequestId">The request's id, as sent to the device.</param>
/// <param name="Tool">The tool's name (<c>Bash</c>, <c>Edit</c>, …).</param>
/// <param name="InputSha256">Lowercase hex SHA-256 of the canonical input.</param>
/// <param name="Summary">One line for a person; cut to 200 characters.</param>
public sealed record ApprovalRequested(string RequestId, string Tool, string InputSha256, string Summary) : AuditEvent
{
    public string RequestId { get; init; } = AuditText.Required(RequestId, nameof(RequestId));

    public string Tool { get; init; } = AuditText.Required(Tool, nameof(Tool));

    public string InputSha256 { get; init; } = AuditText.IsSha256Hex(InputSha256)
        ? InputSha256
        : throw new ArgumentException("The input hash must be 64 lowercase hex characters (SHA-256).", nameof(InputSha256));

    public string Summary { get; init; } = AuditText.Required(Summary, nameof(Summary));

    /// <inheritdoc />
    public override string Kind => AuditKinds.ApprovalRequest;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("request_id", AuditText.Short(RequestId));
        writer.WriteString("tool", AuditText.Short(Tool));
        writer.WriteString("input_sha256", InputSha256);
        writer.WriteString("summary", AuditText.Short(Summary, AuditText.MaxSummaryChars));
    }
}
