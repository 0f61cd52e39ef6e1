namespace Tether.Host.Devices;

/// <summary>One device in <see cref="DevicesFile"/>; ids, subjects and fingerprints are derived on load, not stored.</summary>
internal sealed class DeviceEntry
{
    public required string Name { get; init; }

    public required byte[] NoisePublicKey { get; init; }

    public required byte[] AccessPublicKey { get; init; }

    public required DateTimeOffset PairedAt { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
