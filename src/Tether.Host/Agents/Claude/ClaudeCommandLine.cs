using System.Diagnostics;
using System.Text;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// The exact command line and environment of a Claude Code session process
/// (shared/reference/claude-code-headless.md §1 and §5). Arguments go through
/// <see cref="ProcessStartInfo.ArgumentList"/>, never a shell string.
/// </summary>
internal static class ClaudeCommandLine
{
    /// <summary>
    /// Tells Claude that a program, not a person at a terminal, drives it, as Anthropic's SDKs do. We say
    /// <c>sdk-ts</c> rather than <c>sdk-py</c>: we launch it the way the TypeScript SDK does (its argv builder,
    /// which ships inside the CLI, and its environment rules: NODE_OPTIONS removed), so the CLI takes the code
    /// paths that SDK exercises. We do not set CLAUDE_AGENT_SDK_VERSION: we are not that SDK.
    /// </summary>
    public const string Entrypoint = "sdk-ts";

    // CLAUDECODE marks a process started from inside Claude Code (a host run from a Claude shell would
    // pass it on and change the CLI's behaviour); NODE_OPTIONS could inject code into the CLI's runtime.
    // Both are removed by the SDKs.
    private static readonly string[] RemovedVariables = ["CLAUDECODE", "NODE_OPTIONS"];

    private static readonly string[] UserSettingSourcesOnly = ["--setting-sources=user", "--strict-mcp-config"];

    private static readonly string[] ProjectSettingSources = ["--setting-sources=user,project,local"];

    /// <summary>The environment every Claude process gets (also the version check's).</summary>
    public static ProcessStartInfo Template(ClaudeAgentOptions options)
    {
        var start = new ProcessStartInfo { WorkingDirectory = options.ProjectPath, UseShellExecute = false };
        foreach (var name in RemovedVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["CLAUDE_CODE_ENTRYPOINT"] = Entrypoint;
        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>The PATH Claude will see, for finding it.</summary>
    public static string? SearchPath(ProcessStartInfo template) =>
        template.Environment.TryGetValue("PATH", out var path) ? path : null;

    /// <summary>The session process: stream-json both ways, approvals over stdio, nothing from the repository.</summary>
    public static ProcessStartInfo Session(string executable, ClaudeAgentOptions options, string? resumeSessionId)
    {
        var start = Template(options);
        start.FileName = executable;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardErrorEncoding = Encoding.UTF8;
        foreach (var argument in Arguments(options, resumeSessionId))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The arguments, in order.</summary>
    public static IReadOnlyList<string> Arguments(ClaudeAgentOptions options, string? resumeSessionId)
    {
        List<string> arguments =
        [
            // stream-json output fails at startup without --verbose (reference §1).
            "--output-format", "stream-json", "--verbose",
            "--input-format", "stream-json",
            // Without it, a call that needs a person is denied silently and never reaches the approver.
            "--permission-prompt-tool", "stdio",
            // Explicit, so a repository's permissions.defaultMode cannot choose it (reference §5).
            "--permission-mode", options.PermissionMode,
            // Only the user's settings: a hostile checkout's hooks, env, apiKeyHelper and .mcp.json would
            // otherwise run before and around the approver (invariant 10, reference §5). The project's own come
            // in only by the user's explicit opt-in for a workspace they trusted (Trust/, tether run --project-settings).
            .. options.LoadProjectSettings ? ProjectSettingSources : UserSettingSourcesOnly,
            // Token-level text deltas for agent.text.
            "--include-partial-messages",
        ];

        // Values we did not write ourselves use the equals form, so one that starts with a dash cannot be
        // read as another flag.
        if (options.Model is { } model)
        {
            arguments.Add("--model=" + model);
        }

        if (resumeSessionId is not null)
        {
            arguments.Add("--resume=" + resumeSessionId);
        }

        return arguments;
    }
}
