using Tether.Client.Storage;
using Tether.Host.Projects;
using Tether.Host.Trust;

namespace Tether.Cli.Trust;

/// <summary>
/// The check <c>tether run</c> makes before any agent starts (invariant 10): a workspace with findings
/// runs only when the user trusted exactly these files, and its own settings load only by explicit opt-in.
/// </summary>
internal static class WorkspaceTrustGate
{
    /// <summary>True when the agent may start; otherwise every finding and what to do went to stderr.</summary>
    public static bool MayRun(ConfigRoot root, Project project, bool projectSettings)
    {
        var scan = WorkspaceScanner.Scan(project.Path);
        var state = TrustStore.Check(root, project, scan);
        if (state is TrustState.Trusted or TrustState.NothingToTrust)
        {
            if (projectSettings)
            {
                TrustAudit.Record(root, project, TrustAudit.ProjectSettings, scan);
                Console.Error.WriteLine("tether run: loading this project's own Claude settings and .mcp.json (--project-settings).");
            }

            return true;
        }

        TrustReport.Write(Console.Error, scan);
        Console.Error.WriteLine(state == TrustState.ChangedSinceTrust
            ? "tether run: the workspace changed since it was trusted; the agent was not started. Review it with: tether trust"
            : "tether run: this workspace is not trusted; the agent was not started. Review it with: tether trust");
        TrustAudit.Record(root, project, TrustAudit.Refused, scan);
        return false;
    }
}
