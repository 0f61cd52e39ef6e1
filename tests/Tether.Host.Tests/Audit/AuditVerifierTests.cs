using System.Runtime.Versioning;
using System.Text;
using Tether.Host.Audit;

namespace Tether.Host.Tests.Audit;

[UnsupportedOSPlatform("windows")]
public sealed class AuditVerifierTests : IDisposable
{
    private readonly AuditTestLog _log = new();

    public void Dispose() => _log.Dispose();

    [Fact]
    public void AnIntactLog_Passes()
    {
        var log = _log.Open();
        foreach (var auditEvent in AuditTestLog.OneOfEachKind)
        {
            log.Append(auditEvent);
        }

        var result = _log.Verify();

        Assert.True(result.IsIntact, string.Join("\n", result.Problems));
        Assert.Equal((7, 7L), (result.Records, result.LastSeq));
    }

    [Fact]
    public void NoLogAndNoHead_IsIntact_ButNotThere()
    {
        var result = _log.Verify();

        Assert.True(result.IsIntact);
        Assert.False(result.LogExists);
    }

    [Fact]
    public void AnEditedField_NamesTheEditedRecord()
    {
        _log.WithRecords(6);
        var lines = _log.Lines();
        lines[2] = lines[2].Replace("\"r3\"", "\"nothing happened\"", StringComparison.Ordinal);
        _log.WriteLines(lines);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.EditedRecord, 3, 3L), (problem.Kind, problem.Line, problem.Seq));
        Assert.Contains("Record seq 3 was changed", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedSeq_NamesTheEditedRecord()
    {
        _log.WithRecords(6);
        var lines = _log.Lines();
        lines[2] = lines[2].Replace("\"seq\":3", "\"seq\":33", StringComparison.Ordinal);
        _log.WriteLines(lines);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.EditedRecord, 3, 3L), (problem.Kind, problem.Line, problem.Seq));
    }

    [Fact]
    public void AnEditedLastRecord_IsCaughtByTheHead()
    {
        _log.WithRecords(4);
        var lines = _log.Lines();
        lines[3] = lines[3].Replace("\"r4\"", "\"r5\"", StringComparison.Ordinal);
        _log.WriteLines(lines);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.EditedRecord, 4, 4L), (problem.Kind, problem.Line, problem.Seq));
        Assert.Contains("the last one", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeletedMiddleRecord_IsNamedBySeq()
    {
        _log.WithRecords(6);
        var lines = _log.Lines();
        lines.RemoveAt(2);
        _log.WriteLines(lines);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.DeletedRecords, 3, 3L), (problem.Kind, problem.Line, problem.Seq));
        Assert.Contains("Record seq 3 is missing between line 2 (seq 2) and line 3 (seq 4)", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoSwappedRecords_AreReportedAsMoved_NotAsEditsOrDeletions()
    {
        _log.WithRecords(6);
        var lines = _log.Lines();
        (lines[2], lines[3]) = (lines[3], lines[2]);
        _log.WriteLines(lines);

        var problems = _log.Verify().Problems;

        Assert.Equal(
            [(AuditProblemKind.ReorderedRecords, 3, 4L), (AuditProblemKind.ReorderedRecords, 4, 3L)],
            problems.Select(p => (p.Kind, p.Line ?? 0, p.Seq ?? 0)));
    }

    [Fact]
    public void ADeletedLastRecord_IsReportedAsCutFromTheEnd()
    {
        _log.WithRecords(6);
        _log.WriteLines(_log.Lines()[..5]);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal(AuditProblemKind.TruncatedLog, problem.Kind);
        Assert.Contains("record seq 6 was cut from the end", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ALogCutInTheMiddleOfARecord_IsReportedAsTornAndTruncated()
    {
        _log.WithRecords(6);
        var bytes = File.ReadAllBytes(_log.LogPath);
        File.WriteAllBytes(_log.LogPath, bytes[..^20]);

        var problems = _log.Verify().Problems;

        Assert.Equal(
            [(AuditProblemKind.TruncatedLog, 5), (AuditProblemKind.TornLastLine, 6)],
            problems.Select(p => (p.Kind, p.Line ?? 0)));
    }

    [Fact]
    public void AGarbageLine_IsNamedByLineNumber()
    {
        _log.WithRecords(5);
        var lines = _log.Lines();
        lines.Insert(2, "rm -rf / # not a record");
        _log.WriteLines(lines);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.NotJson, 3), (problem.Kind, problem.Line));
        Assert.Contains("Line 3 is not JSON", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordReplacedByJsonOfAnotherShape_IsMalformed()
    {
        _log.WithRecords(5);
        var lines = _log.Lines();
        lines[2] = "{\"seq\":3,\"kind\":\"session.end\"}";
        _log.WriteLines(lines);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.MalformedRecord, 3), (problem.Kind, problem.Line));
    }

    [Fact]
    public void AHeadWhoseSeqWasEdited_IsReported()
    {
        _log.WithRecords(4);
        var head = File.ReadAllText(_log.HeadPath).Replace("\"seq\":4", "\"seq\":9", StringComparison.Ordinal);
        File.WriteAllText(_log.HeadPath, head);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.HeadMismatch, 4), (problem.Kind, problem.Line));
        Assert.Contains("audit.head was edited", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadWhoseHashWasEdited_IsReported()
    {
        _log.WithRecords(4);
        var text = File.ReadAllText(_log.HeadPath);
        var hash = text.Split('"')[^2];
        File.WriteAllText(_log.HeadPath, text.Replace(hash, new string('f', 64), StringComparison.Ordinal));

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal((AuditProblemKind.EditedRecord, 4), (problem.Kind, problem.Line));
        Assert.Contains("or audit.head was", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadThatIsNotAHead_AndAMissingHead_AreReported()
    {
        _log.WithRecords(2);
        File.WriteAllText(_log.HeadPath, "{}");
        Assert.Equal(AuditProblemKind.HeadUnreadable, Assert.Single(_log.Verify().Problems).Kind);

        File.Delete(_log.HeadPath);
        Assert.Equal(AuditProblemKind.HeadMissing, Assert.Single(_log.Verify().Problems).Kind);
    }

    [Fact]
    public void ADeletedLog_IsReported_WhenItsHeadRemains()
    {
        _log.WithRecords(2);
        File.Delete(_log.LogPath);

        var result = _log.Verify();

        Assert.Equal(AuditProblemKind.LogMissing, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void ALogOthersCanWrite_IsReported()
    {
        _log.WithRecords(2);
        File.SetUnixFileMode(_log.LogPath, (UnixFileMode)0b110_110_110);

        var problem = Assert.Single(_log.Verify().Problems);

        Assert.Equal(AuditProblemKind.LoosePermissions, problem.Kind);
        Assert.Contains("chmod 600", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyChangesNeitherFile()
    {
        _log.WithRecords(3);
        _log.WriteLines(_log.Lines()[..2]);
        var log = File.ReadAllBytes(_log.LogPath);
        var head = File.ReadAllBytes(_log.HeadPath);

        _log.Verify();

        Assert.Equal(log, File.ReadAllBytes(_log.LogPath));
        Assert.Equal(head, File.ReadAllBytes(_log.HeadPath));
        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(_log.Lines().Select(l => l + "\n"))), log);
    }
}
