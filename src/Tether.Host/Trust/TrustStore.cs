using Tether.Client.Storage;
using Tether.Host.Projects;

namespace Tether.Host.Trust;

/// <summary>
/// The user's trust decisions per project, in <c>projects/&lt;id&gt;/trust.json</c> under the same rules as
/// the key store (0600 file, 0700 directories, owner checked, links refused). A looser file is refused, not
/// read: anyone who can write it could trust a hostile checkout for the user.
/// </summary>
public static class TrustStore
{
    private const string RemovalCost = "the project is then untrusted, and `tether trust` asks again";

    /// <summary>Where the decision of <paramref name="project"/> lives.</summary>
    public static string PathFor(ConfigRoot root, ProjectId project)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Combine("projects", project.Value, "trust.json");
    }

    /// <summary>What the stored decision says about <paramref name="scan"/>.</summary>
    /// <exception cref="InsecurePermissionsException">trust.json or a directory above it is too open, a link, or another user's.</exception>
    /// <exception cref="KeyStoreCorruptException">trust.json exists but cannot be used.</exception>
    public static TrustState Check(ConfigRoot root, Project project, WorkspaceScan scan)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(scan);
        var stored = Load(root, project);
        if (scan.IsClean)
        {
            return TrustState.NothingToTrust;
        }

        if (stored is null)
        {
            return TrustState.NotTrusted;
        }

        return string.Equals(stored.Hash, scan.Hash, StringComparison.Ordinal) ? TrustState.Trusted : TrustState.ChangedSinceTrust;
    }

    /// <summary>Pins the acceptance of <paramref name="scan"/>.</summary>
    /// <exception cref="KeyStoreWriteException">Writing failed; the old decision is intact.</exception>
    public static void Accept(ConfigRoot root, Project project, WorkspaceScan scan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(scan);
        VersionedJson.Write(root.Path, PathFor(root, project.Id), new TrustFile
        {
            Version = TrustFile.CurrentVersion,
            ProjectPath = project.Path,
            Hash = scan.Hash,
            AcceptedAt = now,
            Findings = scan.Findings.Select(f => f.ToString()).ToList(),
        }, TrustJsonContext.Default.TrustFile);
    }

    /// <summary>Forgets the decision; true if there was one.</summary>
    public static bool Revoke(ConfigRoot root, Project project)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(project);
        return SecureFile.Delete(root.Path, PathFor(root, project.Id));
    }

    private static TrustFile? Load(ConfigRoot root, Project project)
    {
        ArgumentNullException.ThrowIfNull(root);
        var path = PathFor(root, project.Id);
        var file = VersionedJson.ReadIfExists(root.Path, path, TrustFile.CurrentVersion, TrustJsonContext.Default.TrustFile, RemovalCost);
        if (file is not null && !string.Equals(file.ProjectPath, project.Path, StringComparison.Ordinal))
        {
            throw KeyStoreCorruptException.ForFile(path, $"it belongs to the project at {file.ProjectPath}, not to {project.Path}", RemovalCost);
        }

        return file;
    }
}
