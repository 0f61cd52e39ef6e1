using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary><c>session.start</c>: the host started an agent session.</summary>
/// <param name="Agent">Which agent (<c>claude</c>, <c>echo</c>, an ACP command name).</param>
/// <param name="Relay">The relay's URL (no token: tokens are credentials).</param>
/// <param name="Pid">The host's process id, to match the record with system logs.</param>
public sealed record SessionStarted(string Agent, string Relay, int Pid) : AuditEvent
{
    public string Agent { get; init; } = AuditText.Required(Agent, nameof(Agent));

    public string Relay { get; init; } = AuditText.Required(Relay, nameof(Relay));

    /// <inheritdoc />
    public override string Kind => AuditKinds.SessionStart;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("agent", AuditText.Short(Agent));
        writer.WriteString("relay", AuditText.Short(Relay));
        writer.WriteNumber("pid", Pid);
    }
}
