using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tether.Host.Agents.Claude;

/// <summary>How to run Claude Code for one project; checked by <see cref="ClaudeAgentOptionsValidator"/>.</summary>
public sealed record ClaudeAgentOptions
{
    /// <summary>The project: Claude's working directory and the directory its writes are judged against.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>The <c>claude</c> executable; null looks it up on <c>PATH</c> (the extra environment's, else the host's).</summary>
    public string? Executable { get; init; }

    /// <summary><c>default</c> (the default) or <c>plan</c>; <c>acceptEdits</c> and bypass modes are refused (invariant 4).</summary>
    public string PermissionMode { get; init; } = ClaudePermissionModes.Default;

    /// <summary>
    /// Load the project's own <c>.claude/settings*.json</c> and <c>.mcp.json</c> (hooks, env, helpers, servers).
    /// False, the default, passes <c>--setting-sources=user --strict-mcp-config</c> (invariant 10); the host sets
    /// it only for a project whose workspace trust findings the user accepted and explicitly opted in
    /// (<c>tether run --project-settings</c>).
    /// </summary>
    public bool LoadProjectSettings { get; init; }

    /// <summary>The model to ask for (<c>--model</c>); null leaves Claude's own choice.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Variables added to Claude's environment on top of the host's (tests point <c>ANTHROPIC_BASE_URL</c>
    /// at a fake API here).
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A private directory (created 0700 when missing) for the resume state: the Claude session id, in a
    /// 0600 file, so that a new process, after a crash or a host restart, goes on with the same conversation.
    /// </summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// Decides each tool call Claude asks about. Several may run at once. Its token is cancelled when
    /// Claude withdraws the request (an interrupt) or the process ends; an answer after that is dropped.
    /// An exception is a deny: nothing fails open.
    /// </summary>
    public required Func<ToolPermissionRequest, CancellationToken, Task<ToolPermissionDecision>> Approve { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
