using Tether.Client.Storage;
using Tether.Host.Audit;
using Tether.Host.Projects;
using Tether.Host.Trust;

namespace Tether.Cli.Trust;

/// <summary>Trust decisions in the project's audit log (invariant 12): accepted, revoked, refused, and project settings loaded.</summary>
internal static class TrustAudit
{
    public const string Accepted = "workspace.trusted";
    public const string Revoked = "workspace.trust_revoked";
    public const string Refused = "workspace.untrusted_refused";
    public const string ProjectSettings = "workspace.project_settings_loaded";

    public static void Record(ConfigRoot root, Project project, string name, WorkspaceScan? scan)
    {
        var detail = scan is null ? project.Path : $"{project.Path} hash={scan.Hash} findings={scan.Findings.Count} worst={scan.Worst?.ToString() ?? "none"}";
        AuditLog.Open(root, project.Id).Security(name, detail);
    }
}
