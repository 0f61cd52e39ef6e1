using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tether.Client.Storage;
using Tether.Host.Audit;

namespace Tether.Host.Tests.Audit;

// Mode bits are part of the subject; Windows has none.
[UnsupportedOSPlatform("windows")]
public sealed partial class AuditLogTests : IDisposable
{
    private readonly AuditTestLog _log = new();

    public void Dispose() => _log.Dispose();

    [Fact]
    public void Appending_MakesAChainWhereEachPrevIsTheHashOfTheLineBefore()
    {
        var log = _log.Open();
        var seqs = AuditTestLog.OneOfEachKind.Select(log.Append).ToList();

        var lines = _log.Lines();
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], seqs);
        Assert.Equal(7, lines.Count);
        var prev = new string('0', 64);
        for (var i = 0; i < lines.Count; i++)
        {
            using var record = JsonDocument.Parse(lines[i]);
            var root = record.RootElement;
            Assert.Equal(i + 1, root.GetProperty("seq").GetInt64());
            Assert.Matches(IsoTimeWithMilliseconds(), root.GetProperty("time").GetString());
            Assert.Equal(AuditTestLog.OneOfEachKind[i].Kind, root.GetProperty("kind").GetString());
            Assert.Equal(prev, root.GetProperty("prev").GetString());
            Assert.False(root.TryGetProperty("hash", out _));
            prev = Sha256(lines[i]);
        }

        Assert.True(_log.Verify().IsIntact);
    }

    [Fact]
    public void TheHead_NamesTheLastRecordsSeqAndHash_AfterEveryAppend()
    {
        var log = _log.Open();
        foreach (var auditEvent in AuditTestLog.OneOfEachKind)
        {
            var seq = log.Append(auditEvent);

            using var head = JsonDocument.Parse(File.ReadAllBytes(_log.HeadPath));
            Assert.Equal(seq, head.RootElement.GetProperty("seq").GetInt64());
            Assert.Equal(Sha256(_log.Lines()[^1]), head.RootElement.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public void TheLogAndItsHeadAre0600_InADirectoryThatIs0700()
    {
        _log.WithRecords(1);

        Assert.Equal(SecureFile.Mode, File.GetUnixFileMode(_log.LogPath));
        Assert.Equal(SecureFile.Mode, File.GetUnixFileMode(_log.HeadPath));
        Assert.Equal(SecureDirectory.Mode, File.GetUnixFileMode(Path.GetDirectoryName(_log.LogPath)!));
    }

    [Fact]
    public void ALogOthersCanRead_IsRefusedOnOpenAndOnAppend_WithTheFix()
    {
        var log = _log.WithRecords(1);
        File.SetUnixFileMode(_log.LogPath, (UnixFileMode)0b110_100_100);

        var onOpen = Assert.Throws<InsecurePermissionsException>(_log.Open);
        var onAppend = Assert.Throws<InsecurePermissionsException>(() => log.Append(new SessionEnded("more")));

        Assert.Contains("0644", onOpen.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600 " + _log.LogPath, onOpen.Message, StringComparison.Ordinal);
        Assert.Equal(_log.LogPath, onAppend.Path);
        Assert.Single(_log.Lines());
    }

    [Fact]
    public void ALogThatIsASymbolicLink_IsRefused()
    {
        _log.WithRecords(1);
        var elsewhere = _log.LogPath + ".real";
        File.Move(_log.LogPath, elsewhere);
        File.CreateSymbolicLink(_log.LogPath, elsewhere);

        Assert.Throws<InsecurePermissionsException>(_log.Open);
    }

    [Fact]
    public void OpeningALogWhoseLastRecordWasCut_RecordsASecurityEvent_ThatVerifyReports()
    {
        _log.WithRecords(5);
        _log.WriteLines(_log.Lines()[..4]);

        _log.Open();

        var lines = _log.Lines();
        Assert.Equal(5, lines.Count);
        using var alarm = JsonDocument.Parse(lines[^1]);
        Assert.Equal("security", alarm.RootElement.GetProperty("kind").GetString());
        Assert.Equal(SecurityEvent.LogTailMismatch, alarm.RootElement.GetProperty("event").GetString());
        Assert.Contains("seq 5", alarm.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Sha256(lines[3]), alarm.RootElement.GetProperty("prev").GetString());
        var problem = Assert.Single(_log.Verify().Problems);
        Assert.Equal((AuditProblemKind.RecordedAlarm, 5), (problem.Kind, problem.Line));
    }

    [Fact]
    public void OpeningAnIntactLog_AddsNothing()
    {
        _log.WithRecords(3);

        _log.Open();

        Assert.Equal(3, _log.Lines().Count);
    }

    [Fact]
    public void AfterATornWrite_TheFragmentEndsItsOwnLine_AndTheNextRecordSaysWhatHappened()
    {
        var log = _log.WithRecords(3);
        File.AppendAllText(_log.LogPath, "{\"seq\":4,\"time\":\"20");

        var seq = log.Append(new SessionEnded("after the crash"));

        var lines = _log.Lines();
        Assert.Equal(6, lines.Count);
        Assert.Equal("{\"seq\":4,\"time\":\"20", lines[3]);
        Assert.Equal(5, seq);
        Assert.Contains(SecurityEvent.LogTailMismatch, lines[4], StringComparison.Ordinal);
        Assert.Equal(
            [(AuditProblemKind.NotJson, 4), (AuditProblemKind.RecordedAlarm, 5)],
            _log.Verify().Problems.Select(p => (p.Kind, p.Line ?? 0)));
    }

    [Fact]
    public void ConcurrentAppendsFromManyThreads_KeepAValidChain_AndLoseNoRecord()
    {
        const int Threads = 6;
        const int PerThread = 20;
        var log = _log.Open();

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                log.Append(new SessionEnded($"t{thread}-{i}"));
            }
        });

        AssertEveryRecordOnce(Threads, PerThread);
    }

    [Fact]
    public void TwoAuditLogsOnTheSameFile_AppendingAtOnce_KeepAValidChain_AndLoseNoRecord()
    {
        const int Threads = 4;
        const int PerThread = 20;
        AuditLog[] logs = [_log.Open(), _log.Open()];

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                logs[(thread + i) % 2].Append(new SessionEnded($"t{thread}-{i}"));
            }
        });

        AssertEveryRecordOnce(Threads, PerThread);
    }

    [Fact]
    public void NoRecordHoldsAFieldNamedLikePromptOutputOrInput_OnlyTheInputsHash()
    {
        var log = _log.Open();
        foreach (var auditEvent in AuditTestLog.OneOfEachKind)
        {
            log.Append(auditEvent);
        }

        var names = _log.Lines().SelectMany(line => JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Name)).ToHashSet();
        Assert.Contains("input_sha256", names);
        Assert.DoesNotContain(names, name => name != "input_sha256"
            && (name.Contains("prompt", StringComparison.OrdinalIgnoreCase)
                || name.Contains("output", StringComparison.OrdinalIgnoreCase)
                || name.Contains("input", StringComparison.OrdinalIgnoreCase)));

        // A kind added later must be added to OneOfEachKind too, so that it is checked here.
        var kinds = typeof(AuditEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AuditEvent)) && !t.IsAbstract);
        Assert.Equal(kinds.OrderBy(t => t.Name), AuditTestLog.OneOfEachKind.Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void ASummaryIsCutShort_AndANewlineInAFieldCannotSplitARecord()
    {
        var log = _log.Open();

        log.Append(new ApprovalRequested("r1", "Bash", new string('b', 64), "echo one\necho two " + new string('x', 1000)));

        var line = Assert.Single(_log.Lines());
        var summary = JsonDocument.Parse(line).RootElement.GetProperty("summary").GetString()!;
        Assert.True(summary.Length <= 200, $"summary length = {summary.Length}, want <= 200");
        Assert.StartsWith("echo one\necho two", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not a hash")]
    public void AnInputHashThatIsNotLowercaseSha256Hex_IsACallersBug(string hash)
    {
        Assert.Throws<ArgumentException>(() => new ApprovalRequested("r1", "Bash", hash, "npm test"));
    }

    private void AssertEveryRecordOnce(int threads, int perThread)
    {
        var verification = _log.Verify();
        Assert.True(verification.IsIntact, string.Join("\n", verification.Problems));
        Assert.Equal(threads * perThread, verification.Records);
        var reasons = _log.Lines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString()).ToList();
        var expected = Enumerable.Range(0, threads).SelectMany(t => Enumerable.Range(0, perThread).Select(i => $"t{t}-{i}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), reasons.Order(StringComparer.Ordinal));
    }

    private static string Sha256(string line) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoTimeWithMilliseconds();
}
