using System.Text;
using Tether.Host.Audit;
using Tether.Host.Projects;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Audit;

/// <summary>A project's audit log in a temporary config root, with helpers to tamper with it the way a person would.</summary>
internal sealed class AuditTestLog : IDisposable
{
    private readonly TestDirectory _temp = new();

    public AuditTestLog()
    {
        LogPath = AuditLog.PathFor(_temp.Root, Project);
        HeadPath = Path.Join(Path.GetDirectoryName(LogPath), "audit.head");
    }

    public ProjectId Project { get; } = ProjectId.FromPath("/home/someone/project-under-audit");

    public Client.Storage.ConfigRoot Root => _temp.Root;

    public string LogPath { get; }

    public string HeadPath { get; }

    /// <summary>One event of every kind, in a plausible order.</summary>
    public static IReadOnlyList<AuditEvent> OneOfEachKind { get; } =
    [
        new SessionStarted("claude", "https://relay.example", 4242),
        new DeviceConnected("pixel", "ab12-cd34-ef56", "first connection"),
        new ApprovalRequested("r1", "Bash", new string('a', 64), "npm test"),
        new ApprovalDecided("r1", true, "pixel", 1234, "allowed on the device"),
        new SecurityEvent("handshake.unknown_key", "refused a handshake from peer 7: not a paired device"),
        new DeviceDisconnected("pixel", "ab12-cd34-ef56", "closed by the device"),
        new SessionEnded("the agent exited (code 0)"),
    ];

    public AuditLog Open() => AuditLog.Open(Root, Project);

    /// <summary>Opens the log and appends <paramref name="count"/> session.end records whose reasons are r1, r2, …</summary>
    public AuditLog WithRecords(int count)
    {
        var log = Open();
        for (var i = 1; i <= count; i++)
        {
            log.Append(new SessionEnded($"r{i}"));
        }

        return log;
    }

    public AuditVerification Verify() => AuditVerifier.Verify(LogPath);

    /// <summary>The complete lines of the log, without their newlines.</summary>
    public List<string> Lines()
    {
        var text = File.ReadAllText(LogPath, Encoding.UTF8);
        return [.. text.Split('\n')[..^1]];
    }

    /// <summary>Rewrites the log in place (keeping its mode), each line followed by a newline.</summary>
    public void WriteLines(IEnumerable<string> lines) =>
        File.WriteAllText(LogPath, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));

    public void Dispose() => _temp.Dispose();
}
