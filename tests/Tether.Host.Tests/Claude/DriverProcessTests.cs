using System.Diagnostics;
using System.Text.Json;
using Tether.Client.Storage;
using Tether.Host.Agents.Claude;
using Tether.Host.Tests.Support;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Claude;

/// <summary>
/// The driver against a scripted stand-in PROCESS for claude (<see cref="StandInClaude"/>): it stands in
/// for Claude Code only to pin the driver's parsing, control protocol, event mapping and process handling
/// with the lines the reference recorded. It proves nothing about the real CLI: the end-to-end tests run
/// the real, pinned binary against a fake Anthropic API.
/// </summary>
public sealed class DriverProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly StandInClaude _claude = new();
    private readonly DeviceRecorder _device = new();

    /// <summary>
    /// A state is the agent's condition when it is reported: if the turn has already ended by the time
    /// the answered approval is noticed, "running" is rightly skipped and "idle" follows at once.
    /// </summary>
    private static readonly string[] StatesAroundAnAnsweredApproval = ["running,waiting_approval,running,idle", "running,waiting_approval,idle"];

    [Fact]
    public async Task A_can_use_tool_reaches_the_approver_and_its_allow_is_answered_as_the_reference_shows()
    {
        ToolPermissionRequest? asked = null;
        var logs = new CapturingLogger();
        var agent = new ClaudeAgent(_claude.Options("tool", (request, _) =>
        {
            asked = request;
            return Task.FromResult(ToolPermissionDecision.Allowed());
        }, logger: logs.CreateLogger("Tether.Claude")), _device);
        await using (agent)
        {
            await agent.HandleAsync(new PromptMessage { Text = "make a file" }, default);
            var result = await _device.WaitForAsync<TurnResultMessage>();

            Assert.Equal(1, result.Turn);
            Assert.Equal("done", result.Outcome);
            Assert.Equal(1234, result.DurationMs);
            Assert.Equal(0.0123m, result.CostUsd);
        }

        var command = $"echo hi > {_claude.Project}/bash_out.txt";
        Assert.NotNull(asked);
        Assert.Equal(StandInClaude.PermissionRequestId, asked.RequestId);
        Assert.Equal("Bash", asked.ToolName);
        Assert.Equal(command, asked.Input.GetProperty("command").GetString());
        Assert.Equal("toolu_2", asked.ToolUseId);
        Assert.Equal("write file", asked.Description);
        Assert.Equal($"{_claude.Project}/bash_out.txt", asked.BlockedPath);
        Assert.Equal("workingDir", asked.DecisionReasonType);
        Assert.Null(asked.AgentId);
        Assert.Equal("default", asked.PermissionMode);

        Assert.Equal(
            [
                """{"type":"user","session_id":"","message":{"role":"user","content":"make a file"},"parent_tool_use_id":null}""",
                Answer(StandInClaude.PermissionRequestId, $$$"""{"behavior":"allow","updatedInput":{"command":"{{{command}}}","description":"write file"}}"""),
            ],
            _claude.Stdin);

        var text = string.Concat(_device.Messages.OfType<AgentTextMessage>().Select(m => m.Text));
        Assert.Equal("Hello", text);
        var call = Assert.Single(_device.Messages.OfType<ToolCallMessage>());
        Assert.Equal(("toolu_2", "Bash", 1L), (call.Id, call.Tool, call.Turn));
        // The protocol's canonical text (SessionMessages.Canonical), the same an approval.request carries.
        Assert.Equal(SessionMessages.Canonical(asked.Input), call.Input);
        var toolResult = Assert.Single(_device.Messages.OfType<ToolResultMessage>());
        Assert.Equal("ran: " + command, toolResult.Text);
        Assert.False(toolResult.IsError);
        Assert.Contains(string.Join(",", _device.States), StatesAroundAnAnsweredApproval);
        // The stand-in's line that is not JSON was skipped and logged (by size only), and the turn went on.
        Assert.Contains(logs.Lines, l => l.Contains("[9303]", StringComparison.Ordinal) && l.Contains("21 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deny_is_answered_with_the_approvers_message_for_the_model_to_read()
    {
        await using (var agent = new ClaudeAgent(_claude.Options("tool", (_, _) => Task.FromResult(ToolPermissionDecision.Denied("Denied by remote approver"))), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "make a file" }, default);
            await _device.WaitForAsync<TurnResultMessage>();
        }

        Assert.Equal(
            Answer(StandInClaude.PermissionRequestId, """{"behavior":"deny","message":"Denied by remote approver"}"""),
            _claude.Stdin[1]);
        var toolResult = Assert.Single(_device.Messages.OfType<ToolResultMessage>());
        Assert.True(toolResult.IsError);
        Assert.Equal("Denied by remote approver", toolResult.Text);
    }

    [Fact]
    public async Task An_approver_that_throws_is_a_deny()
    {
        await using (var agent = new ClaudeAgent(_claude.Options("tool", (_, _) => throw new InvalidOperationException("approver crashed")), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "make a file" }, default);
            await _device.WaitForAsync<TurnResultMessage>();
        }

        Assert.Contains("\"behavior\":\"deny\"", _claude.Stdin[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_request_cancels_the_approver_and_is_never_answered()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var agent = new ClaudeAgent(_claude.Options("cancel", async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            cancelled.TrySetResult();
            // A late allow: the driver must drop it.
            return ToolPermissionDecision.Allowed();
        }), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "touch x" }, default);
            await cancelled.Task.WaitAsync(Patience);
            await _device.WaitForAsync<TurnResultMessage>();
        }

        // Dispose waited for the approver's handler, so a late answer would be in the log by now.
        Assert.DoesNotContain(_claude.Stdin, line => line.Contains("perm-cancel", StringComparison.Ordinal));
        Assert.Contains(string.Join(",", _device.States), StatesAroundAnAnsweredApproval);
    }

    [Fact]
    public async Task An_interrupt_is_a_control_request_and_the_turn_ends_interrupted_with_the_pending_approval_cancelled()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var agent = new ClaudeAgent(_claude.Options("interrupt", async (_, token) =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            cancelled.TrySetResult();
            return ToolPermissionDecision.Allowed();
        }), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "write a" }, default);
            await asked.Task.WaitAsync(Patience);
            await agent.HandleAsync(new InterruptMessage(), default);
            var result = await _device.WaitForAsync<TurnResultMessage>();
            await cancelled.Task.WaitAsync(Patience);

            Assert.Equal("interrupted", result.Outcome);
            Assert.Equal("idle", agent.State);
        }

        var interrupt = Assert.Single(_claude.Stdin, l => l.Contains("interrupt", StringComparison.Ordinal));
        Assert.Matches("""^\{"type":"control_request","request_id":"req_1_[0-9a-f]{8}","request":\{"subtype":"interrupt"\}\}$""", interrupt);
        Assert.DoesNotContain(_claude.Stdin, line => line.Contains("perm-int", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_control_request_gets_an_error_response_so_nothing_waits()
    {
        await using (var agent = new ClaudeAgent(_claude.Options("hook"), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "hi" }, default);
            var result = await _device.WaitForAsync<TurnResultMessage>();
            Assert.Equal("done", result.Outcome);
        }

        Assert.Equal(
            """{"type":"control_response","response":{"subtype":"error","request_id":"hook-req-1","error":"Tether does not serve control requests of subtype hook_callback"}}""",
            _claude.Stdin[1]);
    }

    [Fact]
    public async Task A_prompt_during_a_turn_is_refused_with_a_notice_and_turns_go_on_on_one_process()
    {
        var release = new TaskCompletionSource<ToolPermissionDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = new ClaudeAgent(_claude.Options("tool", (_, _) => release.Task), _device);

        await agent.HandleAsync(new PromptMessage { Text = "first" }, default);
        await _device.WaitForAsync<AgentStateMessage>(m => m.State == "waiting_approval");
        await agent.HandleAsync(new PromptMessage { Text = "too soon" }, default);
        var notice = await _device.WaitForAsync<NoticeMessage>();
        release.SetResult(ToolPermissionDecision.Allowed());
        await _device.WaitForAsync<TurnResultMessage>(m => m.Turn == 1);
        await agent.HandleAsync(new PromptMessage { Text = "second" }, default);
        var second = await _device.WaitForAsync<TurnResultMessage>(m => m.Turn == 2);

        Assert.Equal("warning", notice.Level);
        Assert.Contains("a turn is running", notice.Text, StringComparison.Ordinal);
        Assert.Equal("done", second.Outcome);
        Assert.Single(_claude.Launches);
        Assert.DoesNotContain(_claude.Stdin, l => l.Contains("too soon", StringComparison.Ordinal));
        Assert.Equal(2, _device.Messages.OfType<AgentTextMessage>().Select(m => m.Turn).Distinct().Count());
    }

    [Fact]
    public async Task A_crash_reports_agent_exit_with_the_last_stderr_lines_and_leaves_no_process()
    {
        await using var agent = new ClaudeAgent(_claude.Options("crash"), _device);

        await agent.HandleAsync(new PromptMessage { Text = "hi" }, default);
        var exit = await _device.WaitForAsync<AgentExitMessage>();
        var turn = await _device.WaitForAsync<TurnResultMessage>();

        Assert.Equal(1, exit.Code);
        Assert.Contains("exited with code 1", exit.Reason, StringComparison.Ordinal);
        Assert.Contains("Error: the stand-in crashed on purpose", exit.Reason, StringComparison.Ordinal);
        Assert.Equal("error", turn.Outcome);
        Assert.Equal("idle", agent.State);
        Assert.Equal("idle", _device.States[^1]);
        Assert.False(StandInClaude.IsAlive(Assert.Single(_claude.Pids("PID"))));
    }

    [Fact]
    public async Task Dispose_kills_a_claude_that_ignores_stdin_closing_and_its_children()
    {
        var agent = new ClaudeAgent(_claude.Options("stubborn"), _device);
        await agent.HandleAsync(new PromptMessage { Text = "hang" }, default);
        await WaitUntilAsync(() => _claude.Pids("CHILD").Count == 1 && _claude.Stdin.Count == 1);
        var pid = Assert.Single(_claude.Pids("PID"));
        var child = Assert.Single(_claude.Pids("CHILD"));
        Assert.True(StandInClaude.IsAlive(pid) && StandInClaude.IsAlive(child));

        var clock = Stopwatch.StartNew();
        await agent.DisposeAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(15));
        Assert.Contains("EOF", _claude.Log);
        await WaitUntilAsync(() => !StandInClaude.IsAlive(pid) && !StandInClaude.IsAlive(child));
        Assert.DoesNotContain(_device.Messages, m => m is AgentExitMessage);
    }

    [Fact]
    public async Task The_session_id_is_stored_privately_and_passed_as_resume_on_the_next_launch()
    {
        await using (var agent = new ClaudeAgent(_claude.Options("quiet"), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "one" }, default);
            await _device.WaitForAsync<TurnResultMessage>();
        }

        var file = Path.Combine(_claude.StateDirectory, ClaudeResumeStore.FileName);
        Assert.Equal(SecureFile.Mode, File.GetUnixFileMode(file));
        using (var stored = JsonDocument.Parse(File.ReadAllText(file)))
        {
            Assert.Equal(StandInClaude.SessionId, stored.RootElement.GetProperty("session_id").GetString());
        }

        // A new agent (a host restart) and, below, a crash both resume the stored session.
        var device = new DeviceRecorder();
        await using (var agent = new ClaudeAgent(_claude.Options("quiet"), device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "two" }, default);
            await device.WaitForAsync<TurnResultMessage>();
        }

        Assert.Equal(2, _claude.Launches.Count);
        Assert.DoesNotContain("--resume", _claude.Launches[0], StringComparison.Ordinal);
        Assert.EndsWith($",\"--resume={StandInClaude.SessionId}\"]", _claude.Launches[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_crash_the_next_prompt_starts_a_new_process_that_resumes()
    {
        var crashing = _claude.Options("crash");
        new ClaudeResumeStore(crashing.StateDirectory).Save(StandInClaude.SessionId);
        await using var agent = new ClaudeAgent(crashing, _device);

        await agent.HandleAsync(new PromptMessage { Text = "one" }, default);
        await _device.WaitForAsync<AgentExitMessage>();
        await agent.HandleAsync(new PromptMessage { Text = "two" }, default);
        await WaitUntilAsync(() => _device.Messages.OfType<AgentExitMessage>().Count() == 2);

        Assert.Equal(2, _claude.Launches.Count);
        Assert.All(_claude.Launches, argv => Assert.Contains($"\"--resume={StandInClaude.SessionId}\"", argv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Claude_runs_in_the_project_with_sdk_ts_and_the_extra_environment()
    {
        await using (var agent = new ClaudeAgent(_claude.Options("quiet", environment: new Dictionary<string, string> { ["STANDIN_EXTRA"] = "from the test" }), _device))
        {
            await agent.HandleAsync(new PromptMessage { Text = "hi" }, default);
            await _device.WaitForAsync<TurnResultMessage>();
        }

        using var environment = JsonDocument.Parse(_claude.Log.Single(l => l.StartsWith("ENV ", StringComparison.Ordinal))[4..]);
        Assert.Equal("sdk-ts", environment.RootElement.GetProperty("entrypoint").GetString());
        Assert.Equal("from the test", environment.RootElement.GetProperty("extra").GetString());
        Assert.Equal(_claude.Project, environment.RootElement.GetProperty("cwd").GetString());
        Assert.Equal(
            """["--output-format","stream-json","--verbose","--input-format","stream-json","--permission-prompt-tool","stdio","--permission-mode","default","--setting-sources=user","--strict-mcp-config","--include-partial-messages"]""",
            _claude.Launches[0]);
    }

    [Fact]
    public async Task A_claude_older_than_2_1_0_is_refused_with_a_notice_and_never_launched()
    {
        await using var agent = new ClaudeAgent(_claude.Options("quiet", environment: new Dictionary<string, string> { ["STANDIN_VERSION"] = "1.0.0" }), _device);

        var refused = await Assert.ThrowsAsync<ClaudeSetupException>(() => agent.EnsureInstalledAsync(default));
        await agent.HandleAsync(new PromptMessage { Text = "hi" }, default);
        var notice = await _device.WaitForAsync<NoticeMessage>();

        Assert.Contains("1.0.0 is too old", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2.1.0", refused.Message, StringComparison.Ordinal);
        Assert.Equal("error", notice.Level);
        Assert.Equal(refused.Message, notice.Text);
        Assert.Empty(_claude.Launches);
        Assert.Equal("idle", agent.State);
    }

    [Fact]
    public async Task The_version_check_accepts_the_pinned_version()
    {
        await using var agent = new ClaudeAgent(_claude.Options("quiet"), _device);

        Assert.Equal(_claude.Executable, await agent.EnsureInstalledAsync(default));
    }

    public void Dispose() => _claude.Dispose();

    private static string Answer(string requestId, string response) =>
        "{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"" + requestId + "\",\"response\":" + response + "}}";

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "the condition did not hold in time");
            await Task.Delay(25);
        }
    }
}
