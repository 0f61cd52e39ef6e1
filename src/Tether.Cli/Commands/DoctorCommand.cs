using System.CommandLine;
using Tether.Cli.Doctor;
using Tether.Cli.Hosting;
using Tether.Client.Storage;
using Tether.Host.Projects;

namespace Tether.Cli.Commands;

/// <summary><c>tether doctor</c>: checks what a host needs, each with ok/warn/fail and the command that fixes it.</summary>
internal static class DoctorCommand
{
    private static readonly Argument<DirectoryInfo?> Directory = new("dir")
    {
        Description = "The project whose keys and workspace trust to check (default: the current directory).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> RelayUrl = new("--relay")
    {
        Description = "Check this relay (https://…) instead of the embedded one on loopback.",
    };

    private static readonly Option<FileInfo?> ClaudePath = new("--claude")
    {
        Description = "The claude executable to check (default: claude on PATH).",
    };

    public static Command Create()
    {
        var command = new Command("doctor", "Check the agent, the sandbox tools, the key files, the relay and this workspace's trust.")
        {
            Directory, RelayUrl, ClaudePath,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        Uri? relay;
        Project project;
        try
        {
            relay = RelayOption.Parse(parse.GetValue(RelayUrl));
            project = ProjectLocator.Locate(parse.GetValue(Directory)?.FullName);
        }
        catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or IOException)
        {
            await Console.Error.WriteLineAsync($"tether doctor: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var root = ConfigRoot.ForCurrentUser();
        List<CheckResult> results = [await DoctorChecks.ClaudeAsync(parse.GetValue(ClaudePath)?.FullName, project.Path, cancel).ConfigureAwait(false)];
        results.AddRange(await DoctorChecks.BubblewrapAsync(cancel).ConfigureAwait(false));
        results.Add(await DoctorChecks.SocatAsync(cancel).ConfigureAwait(false));
        results.Add(DoctorChecks.KeyFiles(root, project));
        results.Add(await DoctorChecks.RelayAsync(relay, new Uri($"http://127.0.0.1:{EmbeddedRelay.DefaultPort}"), cancel).ConfigureAwait(false));
        results.Add(DoctorChecks.WorkspaceTrust(root, project));

        foreach (var result in results)
        {
            Console.WriteLine($"{result.Status.ToString().ToLowerInvariant(),-4}  {result.Name}: {result.Detail}");
            if (result.Fix is { } fix)
            {
                Console.WriteLine($"      fix: {fix}");
            }
        }

        var failed = results.Count(r => r.Status == CheckStatus.Fail);
        Console.WriteLine(failed == 0 ? "No check failed." : $"{failed} check(s) failed.");
        return failed == 0 ? 0 : 1;
    }
}
