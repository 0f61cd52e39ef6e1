using System.Diagnostics;
using Tether.Host.Agents.Claude;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Claude;

/// <summary>What the driver refuses before anything runs, and the exact command line it runs Claude Code with.</summary>
public sealed class DriverSetupTests
{
    [Theory]
    [InlineData("2.1.197 (Claude Code)", 2, 1, 197)]
    [InlineData("2.1.0", 2, 1, 0)]
    [InlineData("  3.0.12 (Claude Code)\n", 3, 0, 12)]
    [InlineData("2.2.0-beta.1 (Claude Code)", 2, 2, 0)]
    public void The_version_line_is_parsed(string text, int major, int minor, int patch)
    {
        Assert.True(ClaudeVersion.TryParse(text, out var version));
        Assert.Equal(new ClaudeVersion(major, minor, patch), version);
        Assert.True(version >= ClaudeVersion.Minimum);
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("2.0.99 (Claude Code)")]
    public void Versions_older_than_2_1_0_are_below_the_minimum(string text)
    {
        Assert.True(ClaudeVersion.TryParse(text, out var version));
        Assert.True(version < ClaudeVersion.Minimum);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Claude Code")]
    [InlineData("2.1")]
    [InlineData("2.1.x")]
    [InlineData("v2.1.197")]
    [InlineData("-1.2.3")]
    public void Text_that_is_not_a_version_does_not_parse(string text)
    {
        Assert.False(ClaudeVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData("bypassPermissions")]
    [InlineData("dangerously-skip-permissions")]
    public void A_bypass_mode_is_refused_because_remote_sessions_never_bypass_approvals(string mode)
    {
        using var directory = new TestDirectory();

        var refused = Assert.Throws<ClaudeSetupException>(() => new ClaudeAgent(Options(directory) with { PermissionMode = mode }, new DeviceRecorder()));

        Assert.Contains("never bypass approvals", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_the_options_is_reported_at_once()
    {
        using var directory = new TestDirectory();

        var refused = Assert.Throws<ClaudeSetupException>(() => new ClaudeAgent(
            Options(directory) with { ProjectPath = "/nonexistent/tether", PermissionMode = "dontAsk", StateDirectory = " " },
            new DeviceRecorder()));

        Assert.Contains("/nonexistent/tether", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"dontAsk\" is not supported", refused.Message, StringComparison.Ordinal);
        Assert.Contains("state directory", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_claude_is_reported_with_how_to_install_it()
    {
        using var directory = new TestDirectory();

        var missing = Assert.Throws<ClaudeSetupException>(() => ClaudeExecutable.Resolve(null, directory.Directory("empty-bin") + ":relative/bin"));
        var wrongPath = Assert.Throws<ClaudeSetupException>(() => ClaudeExecutable.Resolve(Path.Combine(directory.Path, "claude"), null));

        Assert.Contains("npm install -g @anthropic-ai/claude-code@2.1.197", missing.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", missing.Message, StringComparison.Ordinal);
        Assert.Contains("npm install -g @anthropic-ai/claude-code@2.1.197", wrongPath.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Claude_is_found_on_the_path_it_will_run_with()
    {
        using var directory = new TestDirectory();
        var bin = directory.Directory("bin");
        var claude = Path.Combine(bin, "claude");
        File.WriteAllText(claude, "#!/bin/sh\n");
        File.SetUnixFileMode(claude, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(claude, ClaudeExecutable.Resolve(null, directory.Directory("empty") + ":" + bin));
    }

    [Fact]
    public void Project_settings_load_only_when_the_options_explicitly_ask_and_the_mode_stays_explicit()
    {
        using var directory = new TestDirectory();

        var isolated = ClaudeCommandLine.Arguments(Options(directory), null);
        var opted = ClaudeCommandLine.Arguments(Options(directory) with { LoadProjectSettings = true }, null);

        Assert.Contains("--setting-sources=user", isolated);
        Assert.Contains("--strict-mcp-config", isolated);
        Assert.Contains("--setting-sources=user,project,local", opted);
        Assert.DoesNotContain("--strict-mcp-config", opted);
        Assert.Equal("default", opted[opted.ToList().IndexOf("--permission-mode") + 1]);
    }

    [Fact]
    public void The_session_runs_with_exactly_the_reference_flags_in_an_argument_list()
    {
        using var directory = new TestDirectory();

        var start = ClaudeCommandLine.Session("/opt/claude", Options(directory) with { Model = "-sonnet" }, "5a3c1e9e-7d1b");

        Assert.Equal("/opt/claude", start.FileName);
        Assert.Equal(string.Empty, start.Arguments);
        Assert.Equal(
            ["--output-format", "stream-json", "--verbose", "--input-format", "stream-json", "--permission-prompt-tool", "stdio",
             "--permission-mode", "default", "--setting-sources=user", "--strict-mcp-config", "--include-partial-messages",
             "--model=-sonnet", "--resume=5a3c1e9e-7d1b"],
            start.ArgumentList);
        Assert.Equal(directory.Directory("project"), start.WorkingDirectory);
        Assert.True(start.RedirectStandardInput && start.RedirectStandardOutput && start.RedirectStandardError);
        Assert.False(start.UseShellExecute);
    }

    [Fact]
    public void Without_a_stored_session_there_is_no_resume_flag()
    {
        using var directory = new TestDirectory();

        var arguments = ClaudeCommandLine.Arguments(Options(directory) with { PermissionMode = ClaudePermissionModes.Plan }, null);

        Assert.DoesNotContain(arguments, a => a.StartsWith("--resume", StringComparison.Ordinal) || a.StartsWith("--model", StringComparison.Ordinal));
        Assert.Equal("plan", arguments[arguments.ToList().IndexOf("--permission-mode") + 1]);
    }

    [Fact]
    public void The_environment_drops_CLAUDECODE_and_NODE_OPTIONS_says_sdk_ts_and_adds_the_extra_variables()
    {
        using var directory = new TestDirectory();
        ProcessStartInfo template;
        // Set in this process for a moment, as a host started from a Claude Code shell would have them
        // (harmless values: other tests' children inherit them meanwhile).
        Environment.SetEnvironmentVariable("CLAUDECODE", "1");
        Environment.SetEnvironmentVariable("NODE_OPTIONS", "--no-warnings");
        try
        {
            template = ClaudeCommandLine.Template(Options(directory) with
            {
                Environment = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9" },
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLAUDECODE", null);
            Environment.SetEnvironmentVariable("NODE_OPTIONS", null);
        }

        Assert.False(template.Environment.ContainsKey("CLAUDECODE"));
        Assert.False(template.Environment.ContainsKey("NODE_OPTIONS"));
        Assert.Equal("sdk-ts", template.Environment["CLAUDE_CODE_ENTRYPOINT"]);
        Assert.Equal("http://127.0.0.1:9", template.Environment["ANTHROPIC_BASE_URL"]);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), template.Environment["PATH"]);
    }

    [Fact]
    public void The_resume_store_refuses_an_id_that_claude_could_not_have_given()
    {
        Assert.True(ClaudeResumeStore.IsValidSessionId("5a3c1e9e-7d1b-4c57-9d55-3f1f0c2b8e01"));
        Assert.False(ClaudeResumeStore.IsValidSessionId("--dangerously-skip-permissions x"));
        Assert.False(ClaudeResumeStore.IsValidSessionId(string.Empty));
        Assert.False(ClaudeResumeStore.IsValidSessionId(new string('a', 129)));
    }

    private static ClaudeAgentOptions Options(TestDirectory directory) => new()
    {
        ProjectPath = directory.Directory("project"),
        StateDirectory = Path.Combine(directory.Path, "state"),
        Approve = (_, _) => Task.FromResult(ToolPermissionDecision.Denied("no")),
    };
}
