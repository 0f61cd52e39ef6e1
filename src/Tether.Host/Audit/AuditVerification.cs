namespace Tether.Host.Audit;

/// <summary>What <see cref="AuditVerifier.Verify(string)"/> found.</summary>
public sealed class AuditVerification
{
    internal AuditVerification(string path, bool logExists, int lines, int records, long lastSeq, IReadOnlyList<AuditProblem> problems)
    {
        Path = path;
        LogExists = logExists;
        Lines = lines;
        Records = records;
        LastSeq = lastSeq;
        Problems = problems;
    }

    /// <summary>The log that was checked.</summary>
    public string Path { get; }

    /// <summary>False when there is no log file (nothing recorded yet, or it was deleted: see <see cref="Problems"/>).</summary>
    public bool LogExists { get; }

    /// <summary>Lines in the file, a torn last line included.</summary>
    public int Lines { get; }

    /// <summary>Lines that are well-formed records.</summary>
    public int Records { get; }

    /// <summary>The highest seq seen (0 for none).</summary>
    public long LastSeq { get; }

    /// <summary>Every finding, in the order of the file; empty when the log is intact.</summary>
    public IReadOnlyList<AuditProblem> Problems { get; }

    /// <summary>True when nothing was found: the chain is whole, nothing is missing, the head agrees.</summary>
    public bool IsIntact => Problems.Count == 0;
}
