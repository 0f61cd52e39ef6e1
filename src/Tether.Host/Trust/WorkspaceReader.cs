using System.Security.Cryptography;
using System.Text;

namespace Tether.Host.Trust;

/// <summary>
/// Reads paths of a possibly hostile checkout without ever following a symbolic link and without
/// reading more than <see cref="TrustLimits"/> allow. Failures become <see cref="WorkspaceFile.Problem"/>, never exceptions.
/// </summary>
internal sealed class WorkspaceReader(string projectRoot)
{
    private static readonly byte[] EmptyHash = SHA256.HashData([]);

    /// <summary>The project root (canonical, absolute).</summary>
    public string ProjectRoot { get; } = projectRoot;

    /// <summary>The project-relative form of <paramref name="fullPath"/>, with '/' separators.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(ProjectRoot, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Reads one path, or null if nothing is there.</summary>
    public WorkspaceFile? Read(string relativePath)
    {
        var full = Path.Combine(ProjectRoot, relativePath);
        var info = new FileInfo(full);
        if (info.LinkTarget is { } target)
        {
            return Link(relativePath, full, target);
        }

        if ((int)info.Attributes == -1)
        {
            return null;
        }

        if (info.Attributes.HasFlag(FileAttributes.Directory))
        {
            return Other(relativePath, "it is a directory, not a file");
        }

        try
        {
            return ReadRegular(relativePath, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Other(relativePath, "it could not be read: " + e.Message);
        }
    }

    private static WorkspaceFile ReadRegular(string relativePath, string full)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while (length < TrustLimits.MaxHashedBytes
            && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, TrustLimits.MaxHashedBytes - length))) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (length < TrustLimits.MaxParsedBytes + 1)
            {
                kept.Write(buffer, 0, (int)Math.Min(read, TrustLimits.MaxParsedBytes + 1 - length));
            }

            length += read;
        }

        // The length, not the bytes, beyond the hashed prefix: a file that grows is still a change.
        var total = stream.CanSeek ? Math.Max(stream.Length, length) : length;
        var entry = new ScannedEntry(relativePath, ScannedEntryKind.File, total, hash.GetHashAndReset());
        return total > TrustLimits.MaxParsedBytes
            ? new WorkspaceFile(entry, null, null, false, $"it is {total} bytes, more than the {TrustLimits.MaxParsedBytes} this scan reads, so its contents were not checked")
            : new WorkspaceFile(entry, kept.ToArray(), null, false, null);
    }

    private WorkspaceFile Link(string relativePath, string full, string target)
    {
        var resolved = Path.GetFullPath(target, Path.GetDirectoryName(full)!);
        var inside = resolved.StartsWith(ProjectRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(target);
        var entry = new ScannedEntry(relativePath, ScannedEntryKind.SymbolicLink, bytes.Length, SHA256.HashData(bytes));
        return new WorkspaceFile(entry, null, target, !inside, null);
    }

    private static WorkspaceFile Other(string relativePath, string problem) =>
        new(new ScannedEntry(relativePath, ScannedEntryKind.Other, 0, EmptyHash), null, null, false, problem);
}
