using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary>
/// One thing worth recording. Each kind is a sealed record in this folder, and each writes only the
/// fields listed for it: never a prompt, a tool's output, a key or a full tool input.
/// </summary>
public abstract record AuditEvent
{
    // Only this assembly defines kinds, so a field nobody reviewed cannot reach the log.
    private protected AuditEvent()
    {
    }

    /// <summary>The record's <c>kind</c> (one of <see cref="AuditKinds"/>).</summary>
    public abstract string Kind { get; }

    /// <summary>Writes the kind-specific fields, in snake_case, between <c>kind</c> and <c>prev</c>.</summary>
    internal abstract void WriteFields(Utf8JsonWriter writer);
}
