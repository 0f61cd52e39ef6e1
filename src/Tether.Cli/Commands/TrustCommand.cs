using System.CommandLine;
using Tether.Cli.Trust;
using Tether.Client.Storage;
using Tether.Host.Projects;
using Tether.Host.Trust;

namespace Tether.Cli.Commands;

/// <summary>
/// <c>tether trust</c>: shows what a workspace's Claude settings, MCP servers and plugins would do, and pins
/// the user's acceptance to exactly those files (invariant 10).
/// </summary>
internal static class TrustCommand
{
    private static readonly Argument<DirectoryInfo?> Directory = new("dir")
    {
        Description = "The project: its git top-level, or this directory (default: the current directory).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<bool> Yes = new("--yes")
    {
        Description = "Accept the findings without asking (for scripts that have already reviewed them).",
    };

    private static readonly Option<bool> Show = new("--show")
    {
        Description = "Only list the findings and the trust state; change nothing.",
    };

    private static readonly Option<bool> Revoke = new("--revoke")
    {
        Description = "Forget this project's trust: tether run refuses it again until it is trusted anew.",
    };

    public static Command Create()
    {
        var command = new Command("trust", "Review what this workspace's Claude settings, MCP servers and plugins would do, and trust them.")
        {
            Directory, Yes, Show, Revoke,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        if (new[] { parse.GetValue(Yes), parse.GetValue(Show), parse.GetValue(Revoke) }.Count(x => x) > 1)
        {
            Console.Error.WriteLine("tether trust: --yes, --show and --revoke exclude each other");
            return 2;
        }

        try
        {
            var root = ConfigRoot.ForCurrentUser();
            var project = ProjectLocator.Locate(parse.GetValue(Directory)?.FullName);
            if (parse.GetValue(Revoke))
            {
                var had = TrustStore.Revoke(root, project);
                TrustAudit.Record(root, project, TrustAudit.Revoked, null);
                Console.WriteLine(had ? $"Trust revoked for {project.Path}." : $"{project.Path} was not trusted.");
                return 0;
            }

            var scan = WorkspaceScanner.Scan(project.Path);
            var state = TrustStore.Check(root, project, scan);
            TrustReport.Write(Console.Out, scan);
            Console.WriteLine($"Trust state: {TrustReport.Describe(state)}.");
            if (parse.GetValue(Show) || state is TrustState.NothingToTrust or TrustState.Trusted)
            {
                return 0;
            }

            if (!parse.GetValue(Yes) && !Confirm())
            {
                Console.WriteLine("Not trusted; tether run will not start the agent here.");
                return 1;
            }

            TrustStore.Accept(root, project, scan, DateTimeOffset.UtcNow);
            TrustAudit.Record(root, project, TrustAudit.Accepted, scan);
            Console.WriteLine($"Trusted {scan.Entries.Count} file(s) (sha256 {scan.Hash}). Any change to them asks again.");
            Console.WriteLine("tether run still ignores these settings unless started with --project-settings.");
            return 0;
        }
        catch (Exception e) when (e is KeyStoreException or DirectoryNotFoundException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"tether trust: {e.Message}");
            return 1;
        }
    }

    // Only an explicit "y" or "yes" accepts; end of input, anything else, or no terminal is a no.
    private static bool Confirm()
    {
        Console.Write("Trust these settings for this project? [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}
