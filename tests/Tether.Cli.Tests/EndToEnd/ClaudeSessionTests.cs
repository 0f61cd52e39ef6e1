using Tether.Cli.Tests.Support;
using Tether.FakeAnthropic;

namespace Tether.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 5 end to end: the real `claude` driven from a paired terminal through the embedded relay,
/// approving and denying its tool calls; the model is the only stand-in (a scripted fake API).
/// </summary>
public sealed class ClaudeSessionTests
{
    [Fact]
    public async Task AnAllowedWriteIsWritten_ADeniedOneIsNot_AndTheModelReadsWhy_AndTheAuditLogHoldsIt()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(
            Reply.Write(world.InProject("allowed.txt"), "hello\n"), Reply.Text("written"),
            Reply.Write(world.InProject("denied.txt"), "nope\n"), Reply.Text("understood"));
        await world.StartHostAsync();
        await world.PairAsync();

        await world.PromptAsync("write allowed.txt");
        var request = await world.NextApprovalAsync();
        Assert.Equal("Write", request.GetProperty("tool").GetString());
        Assert.Contains("+hello", request.GetProperty("diff").GetString(), StringComparison.Ordinal);
        await world.Device!.WriteLineAsync($$"""{"type":"approve","id":"{{request.GetProperty("id").GetString()}}"}""");
        Assert.Equal("done", (await world.NextTurnResultAsync()).GetProperty("outcome").GetString());
        Assert.Equal("hello\n", File.ReadAllText(world.InProject("allowed.txt")));

        await world.PromptAsync("write denied.txt");
        request = await world.NextApprovalAsync();
        await world.Device.WriteLineAsync($$"""{"type":"deny","id":"{{request.GetProperty("id").GetString()}}","reason":"not that file"}""");
        await world.NextTurnResultAsync();
        Assert.False(File.Exists(world.InProject("denied.txt")));
        Assert.Contains(world.Api.Turns, turn => turn.ToolResults.Any(r => r.IsError && r.Text.Contains("not that file", StringComparison.Ordinal)));

        await using var verify = TetherProcess.Start(world.Workstation, "audit", "verify");
        Assert.Equal(0, await verify.WaitForExitAsync());
    }

    [Fact]
    public async Task ThreeTurnsRunOnOneConversation_AndItResumesAfterTheHostRestarts()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Text("one"), Reply.Text("two"), Reply.Text("three"), Reply.Text("four"));
        await world.StartHostAsync();
        await world.PairAsync();
        foreach (var prompt in new[] { "first", "second", "third" })
        {
            await world.PromptAsync(prompt);
            await world.NextTurnResultAsync();
        }

        Assert.Equal(3, world.Api.Turns.Count);
        Assert.Contains("first", world.Api.Turns[2].Messages.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(0, await world.Host!.StopAsync());
        await world.StartHostAsync();
        await world.Device!.WaitForLineAsync("\"type\":\"session.info\"");
        await world.PromptAsync("fourth");
        await world.NextTurnResultAsync();

        // The restarted host resumed the conversation: the model sees the earlier turns.
        var last = world.Api.Turns[^1];
        Assert.Contains("first", last.Messages.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("fourth", last.LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoAnswerBeforeTheDeadline_TheWriteIsDenied_AndNothingIsWritten()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("late.txt"), "x"), Reply.Text("ok"));
        await world.StartHostAsync("--approval-timeout", "5");
        await world.PairAsync();

        await world.PromptAsync("write late.txt");
        await world.NextApprovalAsync();
        var resolved = await world.Device!.WaitForLineAsync("\"type\":\"approval.resolved\"", TimeSpan.FromSeconds(30));

        Assert.Contains("\"by\":\"timeout\"", resolved, StringComparison.Ordinal);
        await world.NextTurnResultAsync();
        Assert.False(File.Exists(world.InProject("late.txt")));
    }

    [Fact]
    public async Task InPlanMode_AWriteIsDenied_AndTheDeviceIsNeverAskedToApproveIt()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("plan.txt"), "x"), Reply.Text("planned"));
        await world.StartHostAsync("--permission-mode", "plan");
        await world.PairAsync();

        await world.PromptAsync("write plan.txt");
        await world.NextTurnResultAsync();

        Assert.DoesNotContain("\"type\":\"approval.request\"", world.Device!.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(world.InProject("plan.txt")));
        Assert.Contains(world.Api.Turns, turn => turn.ToolResults.Any(r => r.Text.Contains("plan mode", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnInterruptWhileAnApprovalWaits_EndsTheTurn_AndDeniesTheCall()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("stopped.txt"), "x"), Reply.Text("after"), Reply.Text("next turn works"));
        await world.StartHostAsync();
        await world.PairAsync();

        await world.PromptAsync("write stopped.txt");
        await world.NextApprovalAsync();
        await world.Device!.WriteLineAsync("""{"type":"interrupt"}""");
        await world.Device.WaitForLineAsync("\"type\":\"approval.resolved\"");
        await world.NextTurnResultAsync();
        Assert.False(File.Exists(world.InProject("stopped.txt")));

        await world.PromptAsync("and now?");
        await world.NextTurnResultAsync();
    }

    [Fact]
    public async Task AHostileRepository_IsRefusedUntilTrusted_AndThenRunsNoHookHelperOrServer_CannotMoveTheEndpoint_AndTheDeviceIsStillAsked()
    {
        await using var world = await ClaudeWorld.StartAsync();
        var marker = world.InProject("pwned");
        HostileRepository.Write(world.Project, marker);
        await using (var refused = TetherProcess.Start(world.Workstation, "run", "--agent", "claude", "--claude", ClaudeBinary.Locate(), "--port", ClaudeWorld.FreePort()))
        {
            Assert.Equal(1, await refused.WaitForExitAsync());
            await refused.WaitForLineAsync("tether trust");
        }

        // Trusted, but without --project-settings: the host still gives Claude the user's settings only.
        await using (var trust = TetherProcess.Start(world.Workstation, "trust", "--yes"))
        {
            Assert.Equal(0, await trust.WaitForExitAsync());
        }

        world.Api.Enqueue(Reply.Write(world.InProject("asked.txt"), "x"), Reply.Text("ok"));
        await world.StartHostAsync();
        await world.PairAsync();

        await world.PromptAsync("write asked.txt");
        var request = await world.NextApprovalAsync();
        await world.Device!.WriteLineAsync($$"""{"type":"deny","id":"{{request.GetProperty("id").GetString()}}"}""");
        await world.NextTurnResultAsync();

        Assert.False(File.Exists(world.InProject("asked.txt")));
        Assert.False(File.Exists(marker), "a hook, helper or MCP server from the repository ran");
        Assert.NotEmpty(world.Api.Turns);
    }

    [Fact]
    public async Task ATrustedWorkspace_StartedWithProjectSettings_LoadsItsOwnHooks_AndTheAuditLogSaysSo()
    {
        await using var world = await ClaudeWorld.StartAsync();
        var marker = world.InProject("session-started");
        Directory.CreateDirectory(world.InProject(".claude"));
        File.WriteAllText(world.InProject(".claude/settings.json"),
            $$$"""{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"touch {{{marker}}}"}]}]}}""");
        await using (var trust = TetherProcess.Start(world.Workstation, "trust", "--yes"))
        {
            Assert.Equal(0, await trust.WaitForExitAsync());
        }

        world.Api.Enqueue(Reply.Text("hello"));
        await world.StartHostAsync("--project-settings");
        await world.PairAsync();
        await world.PromptAsync("hi");
        await world.NextTurnResultAsync();

        Assert.True(File.Exists(marker), "the trusted project's SessionStart hook did not run with --project-settings");
        var log = Directory.GetFiles(Path.Combine(world.Workstation.ConfigHome, "tether", "projects"), "audit.jsonl", SearchOption.AllDirectories);
        Assert.Contains("workspace.project_settings_loaded", File.ReadAllText(Assert.Single(log)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInterruptDuringARunningCommand_StopsIt_AndItsLaterEffectNeverHappens()
    {
        await using var world = await ClaudeWorld.StartAsync();
        var late = world.InProject("late-effect");
        world.Api.Enqueue(Reply.Bash($"sleep 20 && touch {late}"), Reply.Text("interrupted"), Reply.Text("fine"));
        await world.StartHostAsync();
        await world.PairAsync();

        await world.PromptAsync("run the slow thing");
        var request = await world.NextApprovalAsync();
        await world.Device!.WriteLineAsync($$"""{"type":"approve","id":"{{request.GetProperty("id").GetString()}}"}""");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await world.Device.WriteLineAsync("""{"type":"interrupt"}""");
        var result = await world.NextTurnResultAsync(TimeSpan.FromSeconds(15));

        Assert.NotEqual("done", result.GetProperty("outcome").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(File.Exists(late));
    }

    [Fact]
    public async Task WhenTheDeviceDisconnectsWhileAnApprovalWaits_TheCallIsDeniedAtOnce()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("orphan.txt"), "x"), Reply.Text("ok"));
        await world.StartHostAsync();
        await world.PairAsync();

        await world.PromptAsync("write orphan.txt");
        await world.NextApprovalAsync();
        await world.Device!.DisposeAsync();

        await world.Api.WaitForRequestAsync(r => r.ToolResults.Any(t => t.IsError && t.Text.Contains("disconnected", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        Assert.False(File.Exists(world.InProject("orphan.txt")));
    }

    [Fact]
    public async Task WhenTheRelayDiesWhileAnApprovalWaits_TheCallIsDenied_AndNothingIsWritten()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("stranded.txt"), "x"), Reply.Text("ok"));
        var url = $"http://127.0.0.1:{ClaudeWorld.FreePort()}";
        await using var relay = TetherProcess.Start(world.Workstation, "relay", "--urls", url);
        await relay.WaitForLineAsync("listening on");
        await world.StartHostAsync("--relay", url);
        await world.PairAsync();

        await world.PromptAsync("write stranded.txt");
        await world.NextApprovalAsync();
        await relay.DisposeAsync();

        await world.Api.WaitForRequestAsync(r => r.ToolResults.Any(t => t.IsError && t.Text.Contains("denied", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        Assert.False(File.Exists(world.InProject("stranded.txt")));
    }

    [Fact]
    public async Task WhenTheHostStopsWhileAnApprovalWaits_NothingIsWritten()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("stopping.txt"), "x"), Reply.Text("ok"));
        await world.StartHostAsync();
        await world.PairAsync();

        await world.PromptAsync("write stopping.txt");
        var request = await world.NextApprovalAsync();
        Assert.Equal(0, await world.Host!.StopAsync());

        // Too late: the host is gone, and its claude with it.
        await world.Device!.WriteLineAsync($$"""{"type":"approve","id":"{{request.GetProperty("id").GetString()}}"}""");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(File.Exists(world.InProject("stopping.txt")));
        Assert.Equal(0, ProcessesWorkingIn(world.Project));
    }

    /// <summary>How many processes have <paramref name="directory"/> as their working directory (claude runs in the project).</summary>
    private static int ProcessesWorkingIn(string directory) =>
        new DirectoryInfo("/proc").EnumerateDirectories().Count(entry =>
        {
            try
            {
                return entry.Name.All(char.IsAsciiDigit) && new FileInfo(Path.Combine(entry.FullName, "cwd")).LinkTarget == directory;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
