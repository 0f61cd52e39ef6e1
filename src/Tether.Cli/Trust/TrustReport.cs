using Tether.Host.Trust;

namespace Tether.Cli.Trust;

/// <summary>Prints a scan's findings. Plain text, not markup: findings quote the repository, already stripped of control characters.</summary>
internal static class TrustReport
{
    public static void Write(TextWriter writer, WorkspaceScan scan)
    {
        if (scan.IsClean)
        {
            writer.WriteLine($"No workspace settings in {scan.ProjectPath} can run code or weaken approvals.");
            return;
        }

        writer.WriteLine($"{scan.Findings.Count} finding(s) in {scan.ProjectPath} (worst: {Name(scan.Worst!.Value)}):");
        foreach (var finding in scan.Findings)
        {
            writer.WriteLine($"  [{Name(finding.Severity)}] {finding.File} {finding.JsonPath}: {finding.Effect}");
            writer.WriteLine($"      why: {finding.Reason}");
        }
    }

    public static string Name(TrustSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>What the state means, in one line.</summary>
    public static string Describe(TrustState state) => state switch
    {
        TrustState.NothingToTrust => "nothing to trust",
        TrustState.Trusted => "trusted (the files are as accepted)",
        TrustState.NotTrusted => "not trusted",
        _ => "changed since it was trusted",
    };
}
