using Tether.Cli.Trust;
using Tether.Client.Storage;
using Tether.Host.Agents.Claude;
using Tether.Host.Projects;
using Tether.Host.Trust;

namespace Tether.Cli.Doctor;

/// <summary>The checks of <c>tether doctor</c>, each independent: one failing never hides the others.</summary>
internal static class DoctorChecks
{
    // The relay answers /healthz at once; a relay that needs longer is as good as down for a phone.
    private static readonly TimeSpan RelayTimeout = TimeSpan.FromSeconds(5);

    private const string InstallClaude = "npm install -g @anthropic-ai/claude-code@";

    public static async Task<CheckResult> ClaudeAsync(string? executable, string workingDirectory, CancellationToken cancel)
    {
        var check = await ClaudeInstallCheck.RunAsync(executable, workingDirectory, cancel).ConfigureAwait(false);
        var fix = InstallClaude + ClaudeInstallCheck.PinnedVersion;
        if (check.Problem is { } problem)
        {
            return CheckResult.Fail("claude", problem, fix);
        }

        return check.IsPinned
            ? CheckResult.Ok("claude", $"{check.Executable} {check.Version}")
            : CheckResult.Warn("claude", $"{check.Executable} is {check.Version}; Tether is checked against {ClaudeInstallCheck.PinnedVersion}", fix);
    }

    public static async Task<CheckResult[]> BubblewrapAsync(CancellationToken cancel)
    {
        const string Install = "sudo apt-get install bubblewrap";
        var version = await ToolProbe.RunAsync("bwrap", ["--version"], cancel).ConfigureAwait(false);
        if (version is not { ExitCode: 0 } found)
        {
            return [CheckResult.Warn("bwrap", "bubblewrap is not installed; tether run --sandbox needs it", Install)];
        }

        // --version proves nothing about namespaces: containers and hardened kernels refuse unprivileged ones.
        var trial = await ToolProbe.RunAsync("bwrap", ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"], cancel).ConfigureAwait(false);
        var namespaces = trial is { ExitCode: 0 }
            ? CheckResult.Ok("bwrap namespaces", "an unprivileged sandbox with every namespace unshared starts")
            : CheckResult.Warn("bwrap namespaces", "bwrap cannot create namespaces here: " + (trial?.Output ?? "it did not start"),
                "sudo sysctl -w kernel.unprivileged_userns_clone=1 (and on Ubuntu 24.04+: kernel.apparmor_restrict_unprivileged_userns=0), or run outside this container");
        return [CheckResult.Ok("bwrap", found.Output), namespaces];
    }

    public static async Task<CheckResult> SocatAsync(CancellationToken cancel)
    {
        var version = await ToolProbe.RunAsync("socat", ["-V"], cancel).ConfigureAwait(false);
        return version is { ExitCode: 0 } found
            ? CheckResult.Ok("socat", found.Output)
            : CheckResult.Warn("socat", "socat is not installed; the sandbox's egress bridge needs it", "sudo apt-get install socat");
    }

    public static CheckResult KeyFiles(ConfigRoot root, Project project)
    {
        try
        {
            using var identity = HostKeyStore.Load(root, project);
            return identity is null
                ? CheckResult.Ok("key files", $"no host keys for this project yet (tether run creates them in {root.Path}, 0600)")
                : CheckResult.Ok("key files", $"host keys in {root.Path} are the user's alone (0600 files, 0700 directories)");
        }
        catch (InsecurePermissionsException e)
        {
            return CheckResult.Fail("key files", e.Message, $"chmod -R go-rwx {root.Path}");
        }
        catch (KeyStoreException e)
        {
            return CheckResult.Fail("key files", e.Message, "see docs/operations.md, \"Key store problems\"");
        }
    }

    public static async Task<CheckResult> RelayAsync(Uri? relay, Uri embedded, CancellationToken cancel)
    {
        var url = new Uri(relay ?? embedded, "/healthz");
        using var client = new HttpClient { Timeout = RelayTimeout };
        try
        {
            using var response = await client.GetAsync(url, cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return CheckResult.Ok("relay", $"{url} answers {(int)response.StatusCode}");
            }

            return CheckResult.Fail("relay", $"{url} answers {(int)response.StatusCode}", "check the relay's logs (tether relay), or use another with --relay");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The embedded relay lives inside `tether run`: not running is normal between sessions.
            return relay is null
                ? CheckResult.Warn("relay", $"the embedded relay ({url}) is not running", "tether run starts it; or check a remote one with --relay https://…")
                : CheckResult.Fail("relay", $"{url} is unreachable: {e.Message}", "check the URL, DNS and firewall, or start the relay: tether relay");
        }
    }

    public static CheckResult WorkspaceTrust(ConfigRoot root, Project project)
    {
        var scan = WorkspaceScanner.Scan(project.Path);
        try
        {
            var state = TrustStore.Check(root, project, scan);
            var detail = $"{TrustReport.Describe(state)}; {scan.Findings.Count} finding(s)";
            return state is TrustState.NothingToTrust or TrustState.Trusted
                ? CheckResult.Ok("workspace trust", detail)
                : CheckResult.Warn("workspace trust", detail + "; tether run will not start the agent", "tether trust " + project.Path);
        }
        catch (InsecurePermissionsException e)
        {
            return CheckResult.Fail("workspace trust", e.Message, $"chmod -R go-rwx {root.Path}");
        }
        catch (KeyStoreException e)
        {
            return CheckResult.Fail("workspace trust", e.Message, "tether trust --revoke, then tether trust");
        }
    }
}
