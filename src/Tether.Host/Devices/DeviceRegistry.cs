using Tether.Client.Storage;
using Tether.Host.Projects;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Devices;

/// <summary>
/// The devices paired with one project, in <c>projects/&lt;id&gt;/devices.json</c>. Every query reads the
/// file afresh (it is small), so a revocation made by <c>tether devices revoke</c> in another process
/// counts at the host's next handshake. Every change is a read-modify-write under <c>devices.lock</c>,
/// so concurrent changes from several processes are never lost. Revoked devices stay as tombstones.
/// </summary>
public sealed class DeviceRegistry
{
    /// <summary>
    /// Last-seen is shown to the minute, so a device reconnecting within a minute is not written again:
    /// a flapping connection should not rewrite and fsync the file on every handshake.
    /// </summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    private const string RemovalCost =
        "the host then knows no devices, so every device of this project must be paired again";

    private readonly string _root;
    private readonly string _path;
    private readonly string _lockPath;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lockTimeout;

    /// <summary>The registry of <paramref name="project"/> under <paramref name="root"/>.</summary>
    public DeviceRegistry(ConfigRoot root, ProjectId project, TimeProvider? time = null, TimeSpan? lockTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root.Path;
        _path = ProjectPaths.DevicesFile(root, project);
        _lockPath = ProjectPaths.DevicesLock(root, project);
        _time = time ?? TimeProvider.System;
        _lockTimeout = lockTimeout ?? StoreLock.DefaultTimeout;
    }

    /// <summary>Every device ever paired, oldest first, revoked ones included.</summary>
    /// <exception cref="KeyStoreCorruptException">devices.json cannot be used; it is left as it is.</exception>
    public IReadOnlyList<PairedDevice> List() => Read();

    /// <summary>Whether a session handshake with this static key may complete: paired and not revoked.</summary>
    public bool IsAccepted(NoisePublicKey noiseKey) => FindByKey(noiseKey) is { IsRevoked: false };

    /// <summary>Whether the relay subject (16 bytes) belongs to a revoked device, whose connections the host kicks.</summary>
    public bool IsRevokedSubject(ReadOnlySpan<byte> subject)
    {
        foreach (var device in Read())
        {
            if (device.IsRevoked && device.HasSubject(subject))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The device with this Noise static key, revoked or not; null if none.</summary>
    public PairedDevice? FindByKey(NoisePublicKey noiseKey)
    {
        ArgumentNullException.ThrowIfNull(noiseKey);
        return Read().FirstOrDefault(d => d.NoiseKey.Equals(noiseKey));
    }

    /// <summary>The device with this relay subject, revoked or not; null if none.</summary>
    public PairedDevice? FindBySubject(RelayId subject) => Read().FirstOrDefault(d => d.AccessSubject == subject);

    /// <summary>The non-revoked device named by <paramref name="selector"/>: its name, id, or a fingerprint prefix.</summary>
    /// <exception cref="DeviceNotFoundException">Nothing matches.</exception>
    /// <exception cref="AmbiguousDeviceException">A prefix matches several devices.</exception>
    public PairedDevice Find(string selector) => DeviceSelector.Select(Read(), selector);

    /// <summary>
    /// Records a newly paired device. The name is the one the device suggested, made safe to print and
    /// unique among the devices not revoked (<c>Pixel (2)</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is already paired, or was revoked (a revoked key never comes back).</exception>
    public PairedDevice Add(string suggestedName, NoisePublicKey noiseKey, ReadOnlySpan<byte> accessPublicKey)
    {
        ArgumentNullException.ThrowIfNull(noiseKey);
        if (accessPublicKey.Length != PairedDevice.AccessPublicKeyLength)
        {
            throw new ArgumentException($"An access public key is {PairedDevice.AccessPublicKeyLength} bytes.", nameof(accessPublicKey));
        }

        var access = accessPublicKey.ToArray();
        return Update(devices =>
        {
            if (devices.FirstOrDefault(d => d.NoiseKey.Equals(noiseKey)) is { } existing)
            {
                throw new InvalidOperationException(existing.IsRevoked
                    ? $"This device key was revoked ({existing.Fingerprint}, \"{existing.Name}\"); a revoked key is never accepted again. Pair the device afresh so that it makes new keys."
                    : $"This device key is already paired as \"{existing.Name}\" ({existing.Fingerprint}).");
            }

            var name = DeviceNames.Sanitize(suggestedName, ActiveNames(devices));
            var device = new PairedDevice(name, noiseKey, access, _time.GetUtcNow(), lastSeen: null, revokedAt: null);
            devices.Add(device);
            return device;
        });
    }

    /// <summary>Renames the device <paramref name="selector"/> names.</summary>
    /// <exception cref="ArgumentException">The new name is empty, too long, has control characters, or is taken.</exception>
    /// <exception cref="DeviceNotFoundException">Nothing matches.</exception>
    /// <exception cref="AmbiguousDeviceException">A prefix matches several devices.</exception>
    public PairedDevice Rename(string selector, string newName)
    {
        ArgumentNullException.ThrowIfNull(newName);
        var name = newName.Trim();
        if (DeviceNames.Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(newName));
        }

        return Update(devices =>
        {
            var device = DeviceSelector.Select(devices, selector);
            if (devices.Any(d => !d.IsRevoked && d != device && string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"Another device is already named \"{name}\".", nameof(newName));
            }

            return Replace(devices, device, device.WithName(name));
        });
    }

    /// <summary>
    /// Revokes the device <paramref name="selector"/> names: from now on its static key is refused and its
    /// relay subject reported revoked. It stays in the list as a tombstone.
    /// </summary>
    /// <exception cref="DeviceNotFoundException">Nothing matches (revoked devices cannot be picked again).</exception>
    /// <exception cref="AmbiguousDeviceException">A prefix matches several devices.</exception>
    public PairedDevice Revoke(string selector) =>
        Update(devices =>
        {
            var device = DeviceSelector.Select(devices, selector);
            return Replace(devices, device, device.WithRevokedAt(_time.GetUtcNow()));
        });

    /// <summary>Records that the device completed a handshake now; false if it is unknown or revoked.</summary>
    public bool MarkSeen(NoisePublicKey noiseKey)
    {
        ArgumentNullException.ThrowIfNull(noiseKey);
        var now = _time.GetUtcNow();
        if (FindByKey(noiseKey) is not { IsRevoked: false } current)
        {
            return false;
        }

        if (current.LastSeen is { } seen && now - seen < SeenResolution && now >= seen)
        {
            return true;
        }

        return Update(devices =>
        {
            // Looked up again under the lock: it may have been revoked in between.
            if (devices.FirstOrDefault(d => d.NoiseKey.Equals(noiseKey)) is not { IsRevoked: false } device)
            {
                return false;
            }

            Replace(devices, device, device.WithLastSeen(now));
            return true;
        });
    }

    private static IEnumerable<string> ActiveNames(List<PairedDevice> devices) => devices.Where(d => !d.IsRevoked).Select(d => d.Name);

    private static PairedDevice Replace(List<PairedDevice> devices, PairedDevice old, PairedDevice replacement)
    {
        devices[devices.IndexOf(old)] = replacement;
        return replacement;
    }

    private T Update<T>(Func<List<PairedDevice>, T> change)
    {
        using var _ = StoreLock.Acquire(_root, _lockPath, _lockTimeout);
        var devices = Read();
        var result = change(devices);
        DevicesCodec.Write(_root, _path, devices);
        return result;
    }

    private List<PairedDevice> Read() => DevicesCodec.Read(_root, _path, RemovalCost);
}
