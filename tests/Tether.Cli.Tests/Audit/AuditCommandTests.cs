using Tether.Cli.Commands;
using Tether.Client.Storage;
using Tether.Host.Audit;
using Tether.Host.Projects;

namespace Tether.Cli.Tests.Audit;

/// <summary><c>tether audit verify</c>'s report and exit code, run in-process on a real log.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("tether-audit-");
    private readonly ConfigRoot _root;
    private readonly ProjectId _project = ProjectId.FromPath("/home/someone/project");

    public AuditCommandTests()
    {
        _root = new ConfigRoot(Path.Combine(_home.FullName, "tether"));
    }

    private string LogPath => AuditLog.PathFor(_root, _project);

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public void AnIntactLog_IsReportedIntact_AndExitsZero()
    {
        var log = AuditLog.Open(_root, _project);
        log.SessionStart("claude", "https://relay.example", 42);
        log.SessionEnd("the agent exited");
        var output = new StringWriter();

        var exit = AuditCommand.Report(AuditVerifier.Verify(LogPath), output);

        Assert.Equal(0, exit);
        Assert.Contains("is intact: 2 records, seq 1 to 2", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ATamperedLog_ListsEachFindingWithItsRecord_AndExitsOne()
    {
        var log = AuditLog.Open(_root, _project);
        for (var i = 1; i <= 4; i++)
        {
            log.SessionEnd($"r{i}");
        }

        var lines = File.ReadAllLines(LogPath).ToList();
        lines.RemoveAt(1);
        File.WriteAllLines(LogPath, lines);
        var output = new StringWriter();

        var exit = AuditCommand.Report(AuditVerifier.Verify(LogPath), output);

        Assert.Equal(1, exit);
        var text = output.ToString();
        Assert.Contains("is NOT intact: 1 finding.", text, StringComparison.Ordinal);
        Assert.Contains("  - line 2 (seq 2): Record seq 2 is missing between line 1 (seq 1) and line 2 (seq 3): deleted from the log.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoLogYet_IsNotAFinding()
    {
        var output = new StringWriter();

        var exit = AuditCommand.Report(AuditVerifier.Verify(LogPath), output);

        Assert.Equal(0, exit);
        Assert.Contains("no audit log for this project yet", output.ToString(), StringComparison.Ordinal);
    }
}
