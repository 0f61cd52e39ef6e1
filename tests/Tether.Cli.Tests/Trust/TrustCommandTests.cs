using Tether.Cli.Tests.EndToEnd;
using Tether.Cli.Tests.Support;

namespace Tether.Cli.Tests.Trust;

/// <summary><c>tether trust</c> and the gate in <c>tether run</c>, through the real process (invariant 10).</summary>
public sealed class TrustCommandTests : IDisposable
{
    private readonly TetherUser _user = new();

    public void Dispose() => _user.Dispose();

    private string Marker => Path.Combine(_user.WorkingDirectory, "pwned");

    private async Task<(int ExitCode, TetherProcess Process)> TetherAsync(params string[] args)
    {
        var process = TetherProcess.Start(_user, args);
        return (await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), process);
    }

    private static Task<(int ExitCode, TetherProcess Process)> RunEchoAsync(TrustCommandTests self) =>
        self.TetherAsync("run", "--agent", "echo", "--port", ClaudeWorld.FreePort());

    [Fact]
    public async Task TrustShow_OfTheHostileRepository_NamesEveryFinding_AndChangesNothing()
    {
        HostileRepository.Write(_user.WorkingDirectory, Marker);

        var (code, process) = await TetherAsync("trust", "--show");
        await using var _ = process;

        Assert.Equal(0, code);
        foreach (var (file, path) in HostileRepository.Findings)
        {
            await process.WaitForLineAsync(line => line.Contains("[critical] " + file + " " + path + ":", StringComparison.Ordinal));
        }

        await process.WaitForLineAsync("Trust state: not trusted.");
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task Run_RefusesAnUntrustedWorkspace_RunsOnceTrusted_AndAsksAgainAfterAChange()
    {
        HostileRepository.Write(_user.WorkingDirectory, Marker);

        var (refused, first) = await RunEchoAsync(this);
        await using (first)
        {
            Assert.Equal(1, refused);
            await first.WaitForLineAsync("$.apiKeyHelper");
            await first.WaitForLineAsync("not trusted; the agent was not started. Review it with: tether trust");
        }

        var (trusted, trust) = await TetherAsync("trust", "--yes");
        await using (trust)
        {
            Assert.Equal(0, trusted);
            await trust.WaitForLineAsync("Trusted 2 file(s)");
        }

        await using (var host = TetherProcess.Start(_user, "run", "--agent", "echo", "--port", ClaudeWorld.FreePort()))
        {
            await host.WaitForLineAsync("Tether host for");
            await host.StopAsync();
        }

        File.AppendAllText(Path.Combine(_user.WorkingDirectory, ".mcp.json"), " ");
        var (changed, again) = await RunEchoAsync(this);
        await using (again)
        {
            Assert.Equal(1, changed);
            await again.WaitForLineAsync("changed since it was trusted");
        }

        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task Trust_AcceptsOnlyAnExplicitYes()
    {
        HostileRepository.Write(_user.WorkingDirectory, Marker);

        await using (var no = TetherProcess.Start(_user, "trust"))
        {
            await no.WaitForLineAsync("Trust state: not trusted.");
            await no.WriteLineAsync("sure");
            Assert.Equal(1, await no.WaitForExitAsync());
        }

        await using (var yes = TetherProcess.Start(_user, "trust"))
        {
            await yes.WaitForLineAsync("Trust state: not trusted.");
            await yes.WriteLineAsync("y");
            Assert.Equal(0, await yes.WaitForExitAsync());
        }

        var (code, show) = await TetherAsync("trust", "--show");
        await using var _ = show;
        Assert.Equal(0, code);
        await show.WaitForLineAsync("Trust state: trusted");
    }

    [Fact]
    public async Task Revoke_MakesRunRefuseAgain_AndTheAuditLogHasEveryDecision()
    {
        HostileRepository.Write(_user.WorkingDirectory, Marker);
        await (await TetherAsync("trust", "--yes")).Process.DisposeAsync();

        var (revoked, revoke) = await TetherAsync("trust", "--revoke");
        await using (revoke)
        {
            Assert.Equal(0, revoked);
        }

        var (refused, run) = await RunEchoAsync(this);
        await using (run)
        {
            Assert.Equal(1, refused);
        }

        var (audited, audit) = await TetherAsync("audit", "verify");
        await using var _ = audit;
        Assert.Equal(0, audited);
        var log = Directory.GetFiles(Path.Combine(_user.ConfigHome, "tether", "projects"), "audit.jsonl", SearchOption.AllDirectories);
        var text = File.ReadAllText(Assert.Single(log));
        Assert.Contains("workspace.trusted", text, StringComparison.Ordinal);
        Assert.Contains("workspace.trust_revoked", text, StringComparison.Ordinal);
        Assert.Contains("workspace.untrusted_refused", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACleanWorkspace_RunsWithoutTrust()
    {
        File.WriteAllText(Path.Combine(_user.WorkingDirectory, "README.md"), "nothing here");

        await using var host = TetherProcess.Start(_user, "run", "--agent", "echo", "--port", ClaudeWorld.FreePort());

        await host.WaitForLineAsync("Tether host for");
        await host.StopAsync();
    }
}
