using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary><c>session.end</c>: the session ended.</summary>
/// <param name="Reason">Why: the agent exited (and how), Ctrl-C, the remote window ran out, …</param>
public sealed record SessionEnded(string Reason) : AuditEvent
{
    public string Reason { get; init; } = AuditText.Required(Reason, nameof(Reason));

    /// <inheritdoc />
    public override string Kind => AuditKinds.SessionEnd;

    internal override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("reason", AuditText.Short(Reason));
}
