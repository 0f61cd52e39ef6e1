using System.Security.Cryptography;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Storage;

/// <summary>
/// The device side's key store: one file per paired host, <c>device/hosts/&lt;host-id&gt;.json</c> under
/// the config root (0600, in 0700 directories). Saves and removals happen under <c>device/hosts.lock</c>,
/// one client at a time.
/// </summary>
public sealed class PairedHostStore
{
    private const string RemovalCost = "this device then no longer knows the host and must be paired with it again";

    private readonly string _root;
    private readonly string _hostsDirectory;
    private readonly string _lockPath;
    private readonly TimeSpan _lockTimeout;

    /// <summary>A store under <paramref name="root"/>.</summary>
    public PairedHostStore(ConfigRoot root, TimeSpan? lockTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root.Path;
        _hostsDirectory = root.Combine("device", "hosts");
        _lockPath = root.Combine("device", "hosts.lock");
        _lockTimeout = lockTimeout ?? StoreLock.DefaultTimeout;
    }

    /// <summary>Writes (or replaces) the file of <paramref name="host"/>.</summary>
    /// <exception cref="KeyStoreWriteException">Writing failed; the old file is intact.</exception>
    public void Save(PairedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var file = ToFile(host);
        try
        {
            using var _ = StoreLock.Acquire(_root, _lockPath, _lockTimeout);
            VersionedJson.Write(_root, PathOf(host.Id), file, StorageJsonContext.Default.PairedHostFile);
        }
        finally
        {
            Zero(file);
        }
    }

    /// <summary>Loads a paired host (the caller disposes it), or null if there is none with that id.</summary>
    /// <exception cref="KeyStoreCorruptException">The file exists but cannot be used; it is left as it is.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a well-formed host id.</exception>
    public PairedHost? Load(string id)
    {
        var path = PathOf(id);
        var file = ReadFile(path);
        if (file is null)
        {
            return null;
        }

        try
        {
            var host = FromFile(file, path);
            if (host.Id != id)
            {
                host.Dispose();
                throw StorageErrors.Corrupt(path, "its keys belong to host " + host.Id + ", not to the host its name says", RemovalCost);
            }

            return host;
        }
        finally
        {
            Zero(file);
        }
    }

    /// <summary>Every paired host, by name, without loading keys.</summary>
    /// <exception cref="KeyStoreCorruptException">A host file cannot be used (listing stops there rather than hide it).</exception>
    public IReadOnlyList<PairedHostSummary> List()
    {
        if (!SecureDirectory.Verify(_root, _hostsDirectory))
        {
            return [];
        }

        var hosts = new List<PairedHostSummary>();
        foreach (var path in Directory.EnumerateFiles(_hostsDirectory, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (!PairedHost.IsWellFormedId(id) || ReadFile(path) is not { } file)
            {
                continue;
            }

            try
            {
                hosts.Add(new PairedHostSummary(id, file.HostName, ParseChannel(file, path), ParseRelayUrl(file, path), file.PairedAt));
            }
            finally
            {
                Zero(file);
            }
        }

        return [.. hosts.OrderBy(h => h.HostName, StringComparer.CurrentCultureIgnoreCase).ThenBy(h => h.Id, StringComparer.Ordinal)];
    }

    /// <summary>Forgets a host; false if there was none.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a well-formed host id.</exception>
    public bool Remove(string id)
    {
        var path = PathOf(id);
        using var _ = StoreLock.Acquire(_root, _lockPath, _lockTimeout);
        return SecureFile.Delete(_root, path);
    }

    private string PathOf(string id) =>
        PairedHost.IsWellFormedId(id)
            ? Path.Join(_hostsDirectory, id + ".json")
            : throw new ArgumentException($"'{id}' is not a host id ({PairedHost.IdLength} lowercase hex characters).", nameof(id));

    private PairedHostFile? ReadFile(string path) =>
        VersionedJson.ReadIfExists(_root, path, PairedHostFile.CurrentVersion, StorageJsonContext.Default.PairedHostFile, RemovalCost);

    private static PairedHostFile ToFile(PairedHost host)
    {
        var noisePrivate = new byte[NoiseLimits.DhLength];
        host.DeviceKeys.ExportPrivateKey(noisePrivate);
        return new PairedHostFile
        {
            Version = PairedHostFile.CurrentVersion,
            HostName = host.HostName,
            DeviceNoisePrivateKey = noisePrivate,
            AccessKeyPkcs8 = host.AccessKey.ExportPkcs8(),
            HostStaticPublicKey = host.HostStaticKey.ToArray(),
            ChannelId = host.ChannelId.ToString(),
            RelayUrl = host.RelayUrl.AbsoluteUri,
            Certificate = host.Certificate.ToArray(),
            PairedAt = host.PairedAt,
        };
    }

    private static PairedHost FromFile(PairedHostFile file, string path)
    {
        var channel = ParseChannel(file, path);
        var relayUrl = ParseRelayUrl(file, path);
        if (!DeviceCertificate.TryParse(file.Certificate, out var certificate) || certificate!.ChannelId != channel)
        {
            throw StorageErrors.Corrupt(path, "the device certificate is malformed or names another channel", RemovalCost);
        }

        NoiseKeyPair? deviceKeys = null;
        DeviceAccessKey? accessKey = null;
        try
        {
            deviceKeys = NoiseKeyPair.FromPrivateKey(file.DeviceNoisePrivateKey);
            accessKey = DeviceAccessKey.ImportPkcs8(file.AccessKeyPkcs8);
            var host = new PairedHost(
                file.HostName, deviceKeys, accessKey, NoisePublicKey.FromBytes(file.HostStaticPublicKey),
                relayUrl, certificate, file.PairedAt);
            return host;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            deviceKeys?.Dispose();
            accessKey?.Dispose();

            // The inner exception states lengths and kinds only; key classes never put bytes in messages.
            throw StorageErrors.Corrupt(path, "a key is truncated or malformed (" + e.Message + ")", RemovalCost, e);
        }
    }

    private static RelayId ParseChannel(PairedHostFile file, string path) =>
        RelayId.TryParse(file.ChannelId, out var channel)
            ? channel
            : throw StorageErrors.Corrupt(path, "the channel id is not 32 lowercase hex characters", RemovalCost);

    private static Uri ParseRelayUrl(PairedHostFile file, string path) =>
        Uri.TryCreate(file.RelayUrl, UriKind.Absolute, out var url)
            ? url
            : throw StorageErrors.Corrupt(path, "the relay URL is not an absolute URL", RemovalCost);

    private static void Zero(PairedHostFile file)
    {
        CryptographicOperations.ZeroMemory(file.DeviceNoisePrivateKey);
        CryptographicOperations.ZeroMemory(file.AccessKeyPkcs8);
    }
}
