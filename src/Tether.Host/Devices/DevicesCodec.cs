using Tether.Client.Storage;
using Tether.Host.Projects;
using Tether.Protocol.Noise;

namespace Tether.Host.Devices;

/// <summary>Between <see cref="PairedDevice"/> lists and devices.json, checking every entry on the way in.</summary>
internal static class DevicesCodec
{
    public static List<PairedDevice> Read(string root, string path, string removalCost)
    {
        var file = VersionedJson.ReadIfExists(root, path, DevicesFile.CurrentVersion, HostJsonContext.Default.DevicesFile, removalCost);
        if (file is null)
        {
            return [];
        }

        var devices = new List<PairedDevice>(file.Devices.Count);
        foreach (var entry in file.Devices)
        {
            if (entry is null
                || entry.NoisePublicKey.Length != NoiseLimits.DhLength
                || entry.AccessPublicKey.Length != PairedDevice.AccessPublicKeyLength
                || DeviceNames.Problem(entry.Name) is not null)
            {
                throw KeyStoreCorruptException.ForFile(path, $"device entry {devices.Count + 1} has a malformed key or name", removalCost);
            }

            var device = new PairedDevice(entry.Name, NoisePublicKey.FromBytes(entry.NoisePublicKey), entry.AccessPublicKey, entry.PairedAt, entry.LastSeen, entry.RevokedAt);
            if (devices.Any(d => d.NoiseKey.Equals(device.NoiseKey)))
            {
                throw KeyStoreCorruptException.ForFile(path, $"device {device.Fingerprint} appears twice", removalCost);
            }

            devices.Add(device);
        }

        return devices;
    }

    public static void Write(string root, string path, List<PairedDevice> devices)
    {
        var file = new DevicesFile
        {
            Version = DevicesFile.CurrentVersion,
            Devices = [.. devices.Select(d => new DeviceEntry
            {
                Name = d.Name,
                NoisePublicKey = d.NoiseKey.ToArray(),
                AccessPublicKey = d.AccessPublicKey.ToArray(),
                PairedAt = d.PairedAt,
                LastSeen = d.LastSeen,
                RevokedAt = d.RevokedAt,
            })],
        };
        VersionedJson.Write(root, path, file, HostJsonContext.Default.DevicesFile);
    }
}
