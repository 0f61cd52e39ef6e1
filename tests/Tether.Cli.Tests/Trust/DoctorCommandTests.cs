using Tether.Cli.Tests.EndToEnd;
using Tether.Cli.Tests.Support;
using Tether.FakeAnthropic;

namespace Tether.Cli.Tests.Trust;

/// <summary><c>tether doctor</c> through the real process: each check on its own line, non-zero exit on any fail.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly TetherUser _user = new();

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task AMissingClaudeAndAnUnreachableRelay_FailWithTheirFixes_AndTheExitCodeIsNonZero()
    {
        HostileRepository.Write(_user.WorkingDirectory, Path.Combine(_user.WorkingDirectory, "pwned"));

        await using var doctor = TetherProcess.Start(_user, "doctor", "--claude", "/nonexistent/claude", "--relay", $"http://127.0.0.1:{ClaudeWorld.FreePort()}");

        Assert.Equal(1, await doctor.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await doctor.WaitForLineAsync("fail  claude:");
        await doctor.WaitForLineAsync("fix: npm install -g @anthropic-ai/claude-code@2.1.197");
        await doctor.WaitForLineAsync("key files:");
        await doctor.WaitForLineAsync("fail  relay:");
        await doctor.WaitForLineAsync("warn  workspace trust: not trusted");
        await doctor.WaitForLineAsync("fix: tether trust");
        await doctor.WaitForLineAsync("check(s) failed.");
    }

    [Fact]
    public async Task ThePinnedClaudeAndARunningRelay_PassEveryRequiredCheck()
    {
        var port = ClaudeWorld.FreePort();
        await using var host = TetherProcess.Start(_user, "run", "--agent", "echo", "--port", port);
        await host.WaitForLineAsync("Tether host for", TimeSpan.FromSeconds(90));

        await using var doctor = TetherProcess.Start(_user, "doctor", "--claude", ClaudeBinary.Locate(), "--relay", $"http://127.0.0.1:{port}");

        var code = await doctor.WaitForExitAsync(TimeSpan.FromSeconds(90));
        await doctor.WaitForLineAsync("ok    claude:");
        await doctor.WaitForLineAsync("ok    relay:");
        await doctor.WaitForLineAsync("ok    workspace trust: nothing to trust");
        await doctor.WaitForLineAsync("No check failed.");
        Assert.Equal(0, code);
        await host.StopAsync();
    }

    [Fact]
    public async Task AGroupReadableKeyFile_FailsTheKeyCheck()
    {
        await using (var host = TetherProcess.Start(_user, "run", "--agent", "echo", "--port", ClaudeWorld.FreePort()))
        {
            await host.WaitForLineAsync("Tether host for");
            await host.StopAsync();
        }

        var hostFile = Assert.Single(Directory.GetFiles(Path.Combine(_user.ConfigHome, "tether", "projects"), "host.json", SearchOption.AllDirectories));
        File.SetUnixFileMode(hostFile, (UnixFileMode)0b110_100_000);

        await using var doctor = TetherProcess.Start(_user, "doctor", "--claude", "/nonexistent/claude");

        Assert.Equal(1, await doctor.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await doctor.WaitForLineAsync("fail  key files:");
    }
}
