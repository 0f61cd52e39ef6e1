namespace Tether.Host.Trust;

/// <summary>The result of scanning a project: what was looked at, what was found, and the hash that pins both.</summary>
public sealed class WorkspaceScan
{
    internal WorkspaceScan(string projectPath, IReadOnlyList<ScannedEntry> entries, IReadOnlyList<TrustFinding> findings)
    {
        ProjectPath = projectPath;
        Entries = entries;
        Findings = findings;
        Hash = TrustHash.Compute(entries);
    }

    /// <summary>The project root that was scanned.</summary>
    public string ProjectPath { get; }

    /// <summary>Every scanned path, sorted by path.</summary>
    public IReadOnlyList<ScannedEntry> Entries { get; }

    /// <summary>Every finding, worst first.</summary>
    public IReadOnlyList<TrustFinding> Findings { get; }

    /// <summary>Hex SHA-256 over the scanned paths, their kinds and their contents.</summary>
    public string Hash { get; }

    /// <summary>True when nothing needs the user's trust.</summary>
    public bool IsClean => Findings.Count == 0;

    /// <summary>The worst severity found, or null when clean.</summary>
    public TrustSeverity? Worst => IsClean ? null : Findings.Max(f => f.Severity);
}
