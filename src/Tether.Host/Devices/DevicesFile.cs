namespace Tether.Host.Devices;

/// <summary><c>projects/&lt;id&gt;/devices.json</c>, version 1: every device ever paired, revoked ones included.</summary>
internal sealed class DevicesFile
{
    public const int CurrentVersion = 1;

    public required int Version { get; init; }

    public required List<DeviceEntry> Devices { get; init; }
}
