using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary>
/// <c>security</c>: something security-relevant happened. The detail names what and where (a
/// channel prefix, a device fingerprint, an error code), never key bytes, tokens or message contents.
/// </summary>
/// <param name="Name">A short dotted name, e.g. <c>handshake.unknown_key</c>.</param>
/// <param name="Detail">One or two sentences for a person.</param>
public sealed record SecurityEvent(string Name, string Detail) : AuditEvent
{
    /// <summary>
    /// Written by <see cref="AuditLog"/> itself when the log's end does not match <c>audit.head</c>:
    /// records were cut from the end, the last one changed, or the head edited. <see cref="AuditVerifier"/>
    /// reports every such record, so the alarm cannot be lost among later, intact records.
    /// </summary>
    public const string LogTailMismatch = "audit.tail_mismatch";

    public string Name { get; init; } = AuditText.Required(Name, nameof(Name));

    public string Detail { get; init; } = AuditText.Required(Detail, nameof(Detail));

    /// <inheritdoc />
    public override string Kind => AuditKinds.Security;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("event", AuditText.Short(Name));
        writer.WriteString("detail", AuditText.Short(Detail));
    }
}
