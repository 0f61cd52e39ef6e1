using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary><c>device.disconnect</c>: a device's connection ended.</summary>
/// <param name="Device">The device's name as paired.</param>
/// <param name="Fingerprint">The device key's fingerprint.</param>
/// <param name="Reason">Why: closed by the device, superseded, revoked, relay gone, frame rejected, …</param>
public sealed record DeviceDisconnected(string Device, string Fingerprint, string Reason) : AuditEvent
{
    public string Device { get; init; } = AuditText.Required(Device, nameof(Device));

    public string Fingerprint { get; init; } = AuditText.Required(Fingerprint, nameof(Fingerprint));

    public string Reason { get; init; } = AuditText.Required(Reason, nameof(Reason));

    /// <inheritdoc />
    public override string Kind => AuditKinds.DeviceDisconnect;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("device", AuditText.Short(Device));
        writer.WriteString("fingerprint", AuditText.Short(Fingerprint));
        writer.WriteString("reason", AuditText.Short(Reason));
    }
}
