using System.Security.Cryptography;
using Tether.Client.Storage;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Projects;

/// <summary>
/// The host's keys per project in <c>projects/&lt;id&gt;/host.json</c> (0600, in 0700 directories). Keys
/// are created only when the file is absent: a file that exists but cannot be used is reported, never
/// replaced, since new keys would silently unpair every device.
/// </summary>
public static class HostKeyStore
{
    private const string RemovalCost =
        "the host then creates new keys, and every device paired with this project must be paired again";

    /// <summary>Loads the project's identity (the caller disposes it), creating it on first use.</summary>
    /// <exception cref="KeyStoreCorruptException">host.json exists but cannot be used; it is left as it is.</exception>
    /// <exception cref="InsecurePermissionsException">host.json or a directory above it is too open, a link, or another user's.</exception>
    public static HostIdentity LoadOrCreate(ConfigRoot root, Project project, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(project);
        if (Load(root, project) is { } existing)
        {
            return existing;
        }

        // Two hosts starting at once in the same project must not each write keys and race to keep theirs.
        using var _ = StoreLock.Acquire(root.Path, ProjectPaths.HostLock(root, project.Id), StoreLock.DefaultTimeout);
        return Load(root, project) ?? Create(root, project, (time ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>Loads the project's identity, or null if it has none yet.</summary>
    /// <exception cref="KeyStoreCorruptException">host.json exists but cannot be used; it is left as it is.</exception>
    /// <exception cref="InsecurePermissionsException">host.json or a directory above it is too open, a link, or another user's.</exception>
    public static HostIdentity? Load(ConfigRoot root, Project project)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(project);
        var path = ProjectPaths.HostFile(root, project.Id);
        var file = VersionedJson.ReadIfExists(root.Path, path, HostKeyFile.CurrentVersion, HostJsonContext.Default.HostKeyFile, RemovalCost);
        if (file is null)
        {
            return null;
        }

        try
        {
            return FromFile(file, path, project);
        }
        finally
        {
            Zero(file);
        }
    }

    private static HostIdentity Create(ConfigRoot root, Project project, DateTimeOffset now)
    {
        var staticKeys = NoiseKeyPair.Generate();
        var channelKey = ChannelKey.Generate();
        var privateKey = new byte[NoiseLimits.DhLength];
        staticKeys.ExportPrivateKey(privateKey);
        var file = new HostKeyFile
        {
            Version = HostKeyFile.CurrentVersion,
            ProjectPath = project.Path,
            CreatedAt = now,
            StaticPrivateKey = privateKey,
            ChannelKeyPkcs8 = channelKey.ExportPkcs8(),
        };
        try
        {
            VersionedJson.Write(root.Path, ProjectPaths.HostFile(root, project.Id), file, HostJsonContext.Default.HostKeyFile);
            return new HostIdentity(project.Path, project.Id, now, staticKeys, channelKey);
        }
        catch
        {
            staticKeys.Dispose();
            channelKey.Dispose();
            throw;
        }
        finally
        {
            Zero(file);
        }
    }

    private static HostIdentity FromFile(HostKeyFile file, string path, Project project)
    {
        if (!string.Equals(file.ProjectPath, project.Path, StringComparison.Ordinal))
        {
            throw KeyStoreCorruptException.ForFile(path, $"it belongs to the project at {file.ProjectPath}, not to {project.Path}", RemovalCost);
        }

        NoiseKeyPair? staticKeys = null;
        try
        {
            staticKeys = NoiseKeyPair.FromPrivateKey(file.StaticPrivateKey);
            return new HostIdentity(project.Path, project.Id, file.CreatedAt, staticKeys, ChannelKey.ImportPkcs8(file.ChannelKeyPkcs8));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            staticKeys?.Dispose();

            // The inner exception states lengths and kinds only; key classes never put bytes in messages.
            throw KeyStoreCorruptException.ForFile(path, "a key is truncated or malformed (" + e.Message + ")", RemovalCost, e);
        }
    }

    private static void Zero(HostKeyFile file)
    {
        CryptographicOperations.ZeroMemory(file.StaticPrivateKey);
        CryptographicOperations.ZeroMemory(file.ChannelKeyPkcs8);
    }
}
