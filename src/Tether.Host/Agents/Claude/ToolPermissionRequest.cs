using System.Text.Json;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// Claude Code asks whether it may run one tool call (a <c>can_use_tool</c> control request,
/// docs: shared/reference/claude-code-headless.md §2). Reads inside the project never get here:
/// Claude Code allows them itself.
/// </summary>
public sealed record ToolPermissionRequest
{
    /// <summary>Claude's id for this request (a UUID); its answer and any cancellation name it.</summary>
    public required string RequestId { get; init; }

    /// <summary>The tool: <c>Bash</c>, <c>Write</c>, <c>Edit</c>, <c>WebFetch</c>, …</summary>
    public required string ToolName { get; init; }

    /// <summary>The tool's input exactly as Claude sent it (a detached copy: it outlives the line it came on).</summary>
    public required JsonElement Input { get; init; }

    /// <summary>The id of the <c>tool_use</c> block this call belongs to (<c>tool.call</c> carries the same id).</summary>
    public string? ToolUseId { get; init; }

    /// <summary>Claude's own one-line description of the call, when it gave one.</summary>
    public string? Description { get; init; }

    /// <summary>The path that made the call need a person (a write outside the allowed directories, …).</summary>
    public string? BlockedPath { get; init; }

    /// <summary>Why Claude asks: <c>workingDir</c>, <c>mode</c>, <c>hook</c>, <c>safetyCheck</c>, …</summary>
    public string? DecisionReasonType { get; init; }

    /// <summary>Set when a sub-agent makes the call.</summary>
    public string? AgentId { get; init; }

    /// <summary>
    /// The permission mode the session runs in. In <c>plan</c> the approver must deny writes and
    /// execs itself: Claude Code does not enforce plan mode once it is told "allow".
    /// </summary>
    public required string PermissionMode { get; init; }
}
