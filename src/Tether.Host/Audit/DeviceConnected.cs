using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary><c>device.connect</c>: a paired device completed a session handshake.</summary>
/// <param name="Device">The device's name as paired.</param>
/// <param name="Fingerprint">The device key's fingerprint (public, identifies the key).</param>
/// <param name="Reason">Anything notable (say, it superseded an older connection); null for none.</param>
public sealed record DeviceConnected(string Device, string Fingerprint, string? Reason = null) : AuditEvent
{
    public string Device { get; init; } = AuditText.Required(Device, nameof(Device));

    public string Fingerprint { get; init; } = AuditText.Required(Fingerprint, nameof(Fingerprint));

    /// <inheritdoc />
    public override string Kind => AuditKinds.DeviceConnect;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("device", AuditText.Short(Device));
        writer.WriteString("fingerprint", AuditText.Short(Fingerprint));
        if (Reason is not null)
        {
            writer.WriteString("reason", AuditText.Short(Reason));
        }
    }
}
