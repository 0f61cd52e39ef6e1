using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary>
/// Walks a log's lines in order and names what breaks the chain: a record edited (the next record's
/// <c>prev</c> no longer matches it), records deleted (a seq gap), records moved (seqs out of order, or a
/// <c>prev</c> naming some other line), lines that are not records, and the host's own tail alarms.
/// </summary>
internal sealed class AuditChainWalk
{
    private readonly IReadOnlyList<AuditLineInfo> _lines;
    private readonly List<AuditProblem> _problems;
    private readonly Dictionary<string, int> _lineOfHash = new(StringComparer.Ordinal);
    private readonly HashSet<int> _flagged = [];

    private AuditChainWalk(IReadOnlyList<AuditLineInfo> lines, List<AuditProblem> problems)
    {
        _lines = lines;
        _problems = problems;
        foreach (var line in lines)
        {
            _lineOfHash.TryAdd(line.Hash, line.Number);
        }
    }

    /// <summary>Adds the findings about <paramref name="lines"/> to <paramref name="problems"/>.</summary>
    public static void Walk(IReadOnlyList<AuditLineInfo> lines, List<AuditProblem> problems) => new AuditChainWalk(lines, problems).Run();

    /// <summary>The line whose hash is <paramref name="hash"/>, if any (for the head check too).</summary>
    public static int? LineOfHash(IReadOnlyList<AuditLineInfo> lines, string hash) =>
        lines.FirstOrDefault(l => l.Hash == hash)?.Number;

    private void Run()
    {
        long lastSeq = 0;
        var lastSeqLine = 0;
        var damagedSince = 0;
        foreach (var line in _lines)
        {
            if (line.Header is not { } header)
            {
                Add(line.NotJson ? AuditProblemKind.NotJson : AuditProblemKind.MalformedRecord, line.Number, null, line.NotJson
                    ? $"Line {line.Number} is not JSON: the log was damaged there, or text was put into it by hand."
                    : $"Line {line.Number} is JSON but not a valid record ({line.Error}): it was edited.");
                damagedSince++;
                continue;
            }

            CheckAlarm(line, header);
            var expected = lastSeq + 1;
            if (WasEdited(line, expected))
            {
                // Its seq may be what was edited: judge the next records against the seq it should have.
                Add(AuditProblemKind.EditedRecord, line.Number, expected,
                    $"Record seq {expected} was changed after it was written: its hash no longer matches the \"prev\" the next record (line {line.Number + 1}) stores for it (or that \"prev\" was changed).");
                (lastSeq, lastSeqLine) = (expected, line.Number);
            }
            else if (header.Seq == expected)
            {
                CheckPrev(line, header);
                (lastSeq, lastSeqLine) = (header.Seq, line.Number);
            }
            else if (header.Seq > expected)
            {
                CheckGap(line, header, lastSeq, lastSeqLine, damagedSince);
                (lastSeq, lastSeqLine) = (header.Seq, line.Number);
            }
            else
            {
                var first = _lines.First(l => l.Header?.Seq == header.Seq).Number;
                Add(AuditProblemKind.ReorderedRecords, line.Number, header.Seq, first < line.Number
                    ? $"Record seq {header.Seq} appears again (first at line {first}): a record was copied or inserted."
                    : $"Record seq {header.Seq} comes after seq {lastSeq} (line {lastSeqLine}): records were moved or swapped.");
            }

            damagedSince = 0;
        }
    }

    /// <summary>
    /// A record whose own link is intact, followed by the record that should follow it (seq
    /// <paramref name="expected"/> + 1) whose <c>prev</c> names no line at all: its bytes changed after the
    /// successor was written. Checked first, because the edit may have hit its seq; a seq jump after it
    /// is a deletion instead, found by the gap check.
    /// </summary>
    private bool WasEdited(AuditLineInfo line, long expected)
    {
        var index = line.Number - 1;
        var before = index == 0 ? AuditLine.FirstPrev : _lines[index - 1].Hash;
        return line.Header!.Value.Prev == before
            && index + 1 < _lines.Count
            && _lines[index + 1].Header is { } next
            && next.Seq == expected + 1
            && next.Prev != line.Hash
            && !_lineOfHash.ContainsKey(next.Prev);
    }

    private void CheckPrev(AuditLineInfo line, AuditLineHeader header)
    {
        if (line.Number == 1)
        {
            if (header.Prev != AuditLine.FirstPrev)
            {
                Add(AuditProblemKind.EditedRecord, 1, header.Seq,
                    $"Record seq {header.Seq} is the first record but its \"prev\" is not 64 zeros: it was changed, or records before it were removed.");
            }

            return;
        }

        var previous = _lines[line.Number - 2];
        if (header.Prev == previous.Hash || previous.Header is null || _flagged.Contains(previous.Number) || _flagged.Contains(line.Number))
        {
            // Intact, or the line before is already reported and explains the break.
            return;
        }

        if (_lineOfHash.TryGetValue(header.Prev, out var named) && named != previous.Number)
        {
            Add(AuditProblemKind.ReorderedRecords, line.Number, header.Seq,
                $"Record seq {header.Seq} should follow line {named}, which its \"prev\" names, not line {previous.Number}: records were moved.");
        }
        else
        {
            Add(AuditProblemKind.EditedRecord, previous.Number, previous.Header.Value.Seq,
                $"Record seq {previous.Header.Value.Seq} was changed after it was written: its hash no longer matches the \"prev\" the next record (seq {header.Seq}, line {line.Number}) stores for it.");
        }
    }

    private void CheckGap(AuditLineInfo line, AuditLineHeader header, long lastSeq, int lastSeqLine, int damagedSince)
    {
        var expected = lastSeq + 1;
        var later = _lines.FirstOrDefault(l => l.Number > line.Number && l.Header?.Seq is { } s && s >= expected && s < header.Seq);
        if (later is not null)
        {
            Add(AuditProblemKind.ReorderedRecords, line.Number, header.Seq,
                $"Record seq {header.Seq} comes too early: seq {later.Header!.Value.Seq} is further down, at line {later.Number}. Records were moved or swapped.");
            return;
        }

        var missing = header.Seq - expected;
        if (missing <= damagedSince)
        {
            // The damaged lines just above (already reported) held these seqs.
            return;
        }

        var what = missing == 1 ? $"Record seq {expected} is missing" : $"Records seq {expected} to {header.Seq - 1} ({missing} records) are missing";
        var where = lastSeq == 0
            ? $"from the start of the log, before line {line.Number} (seq {header.Seq})"
            : $"between line {lastSeqLine} (seq {lastSeq}) and line {line.Number} (seq {header.Seq})";
        Add(AuditProblemKind.DeletedRecords, line.Number, expected, $"{what} {where}: deleted from the log.");
    }

    /// <summary>Reports the host's own record that it found the log's end disagreeing with its head.</summary>
    private void CheckAlarm(AuditLineInfo line, AuditLineHeader header)
    {
        if (header.Kind != AuditKinds.Security)
        {
            return;
        }

        using var json = JsonDocument.Parse(line.Bytes);
        if (json.RootElement.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String
            && name.GetString() == SecurityEvent.LogTailMismatch)
        {
            var detail = json.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : "no detail";
            Add(AuditProblemKind.RecordedAlarm, line.Number, header.Seq,
                $"Record seq {header.Seq} is an alarm the host wrote at {header.Time:yyyy-MM-dd HH:mm:ss} UTC, when it found the log's end disagreeing with audit.head: {detail}. Records before it may be missing.");
        }
    }

    private void Add(AuditProblemKind kind, int line, long? seq, string description)
    {
        _flagged.Add(line);
        _problems.Add(new AuditProblem(kind, line, seq, description));
    }
}
