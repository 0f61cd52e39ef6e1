namespace Tether.Host.Audit;

/// <summary>
/// Checks a log (and its <c>audit.head</c>) for tampering and damage, and says which record and what
/// happened to it: edited, deleted, moved, cut from the end, a line that is not a record, a partial last
/// line, a head that disagrees. Read-only: it never changes either file.
/// </summary>
/// <remarks>
/// The chain has no secret key: someone who can write the files as you can rewrite every record after
/// an edit, recompute each <c>prev</c> and the head, and verify passes. It catches edits by hand, cut
/// or spliced files and damage, not a careful attacker with your account; the records are still worth
/// having, since such an attacker would need to know to do that.
/// </remarks>
public static class AuditVerifier
{
    /// <summary>Verifies <paramref name="path"/> against the <c>audit.head</c> in the same directory.</summary>
    /// <exception cref="IOException">A file exists but could not be read.</exception>
    public static AuditVerification Verify(string path) => Verify(path, AuditPaths.HeadFor(path));

    /// <summary>Verifies <paramref name="path"/> against the head file <paramref name="headPath"/>.</summary>
    /// <exception cref="IOException">A file exists but could not be read.</exception>
    public static AuditVerification Verify(string path, string headPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(headPath);
        var problems = new List<AuditProblem>();
        var headBytes = ReadIfExists(headPath);
        var head = headBytes is null ? null : AuditHead.Parse(headBytes);
        var log = ReadIfExists(path);
        if (log is null)
        {
            if (headBytes is not null)
            {
                problems.Add(new AuditProblem(AuditProblemKind.LogMissing, null, null,
                    $"The log {path} is missing, but audit.head says it held records up to seq {head?.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: it was deleted or moved."));
            }

            return new AuditVerification(path, logExists: false, 0, 0, 0, problems);
        }

        CheckPermissions(path, problems);
        CheckPermissions(headPath, problems);
        var lines = AuditLineInfo.Split(log, out var torn);
        AuditChainWalk.Walk(lines, problems);
        CheckHead(lines, torn.Length > 0, headBytes is not null, head, problems);
        if (torn.Length > 0)
        {
            problems.Add(new AuditProblem(AuditProblemKind.TornLastLine, lines.Count + 1, null,
                $"Line {lines.Count + 1}, the last, has no newline at its end: it is a partial record ({torn.Length} bytes), left by a write cut short (a crash or a full disk) or by cutting the log in the middle of a record."));
        }

        var ordered = problems.OrderBy(p => p.Line ?? int.MaxValue).ToList();
        var records = lines.Count(l => l.Header is not null);
        var lastSeq = lines.Select(l => l.Header?.Seq ?? 0).DefaultIfEmpty(0).Max();
        return new AuditVerification(path, logExists: true, lines.Count + (torn.Length > 0 ? 1 : 0), records, lastSeq, ordered);
    }

    private static void CheckHead(List<AuditLineInfo> lines, bool torn, bool headPresent, AuditHead? head, List<AuditProblem> problems)
    {
        if (!headPresent)
        {
            if (lines.Count > 0 || torn)
            {
                problems.Add(new AuditProblem(AuditProblemKind.HeadMissing, null, null,
                    "audit.head is missing, so records cut from the end of the log cannot be ruled out: it was deleted (tether writes it after every record)."));
            }

            return;
        }

        if (head is null)
        {
            problems.Add(new AuditProblem(AuditProblemKind.HeadUnreadable, null, null,
                "audit.head is not a valid head file (it should be {\"seq\":…,\"sha256\":\"…\"}): it was edited or damaged, so records cut from the end cannot be ruled out."));
            return;
        }

        if (lines.Count == 0)
        {
            if (head.Seq > 0)
            {
                problems.Add(new AuditProblem(AuditProblemKind.TruncatedLog, null, head.Seq,
                    $"The log holds no complete record, but audit.head says it ended at seq {head.Seq}: it was emptied or cut."));
            }

            return;
        }

        var last = lines[^1];
        var lastSeq = last.Header?.Seq;
        if (head.Sha256 == last.Hash)
        {
            if (head.Seq != lastSeq)
            {
                problems.Add(new AuditProblem(AuditProblemKind.HeadMismatch, last.Number, lastSeq,
                    $"audit.head names this last line's hash but says seq {head.Seq}: audit.head was edited."));
            }

            return;
        }

        if (AuditChainWalk.LineOfHash(lines, head.Sha256) is { } named)
        {
            problems.Add(new AuditProblem(AuditProblemKind.HeadMismatch, named + 1, null,
                $"audit.head says the log ends at line {named} (seq {head.Seq}), but it goes on to line {last.Number}: the lines after it were added without tether, or audit.head was replaced with an older copy (a host that stopped between writing a record and updating the head leaves this too)."));
        }
        else if (lastSeq is { } seq && head.Seq > seq)
        {
            var cut = head.Seq - seq;
            problems.Add(new AuditProblem(AuditProblemKind.TruncatedLog, last.Number, seq,
                $"The log ends at seq {seq} (line {last.Number}), but audit.head says the last record is seq {head.Seq}: "
                + (cut == 1 ? $"record seq {head.Seq} was cut from the end." : $"records seq {seq + 1} to {head.Seq} were cut from the end.")));
        }
        else if (lastSeq == head.Seq)
        {
            problems.Add(new AuditProblem(AuditProblemKind.EditedRecord, last.Number, lastSeq,
                $"Record seq {lastSeq}, the last one, was changed after it was written (or audit.head was): its hash no longer matches the one audit.head keeps."));
        }
        else
        {
            problems.Add(new AuditProblem(AuditProblemKind.HeadMismatch, last.Number, lastSeq,
                $"audit.head (seq {head.Seq}) matches no line of the log, whose last line is seq {lastSeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: audit.head was edited, or the end of the log was rewritten."));
        }
    }

    private static void CheckPermissions(string path, List<AuditProblem> problems)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & Client.Storage.SecureDirectory.GroupOrOther) != 0)
        {
            problems.Add(new AuditProblem(AuditProblemKind.LoosePermissions, null, null,
                $"{path} has mode 0{Convert.ToString((int)mode & 0x1FF, 8)}: other users can read or change it. Fix it with: chmod 600 {path}"));
        }
    }

    private static byte[]? ReadIfExists(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
