using System.Text.Json;
using Tether.Protocol.Session;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// Turns Claude's conversation lines (<c>stream_event</c>, <c>assistant</c>, <c>user</c>) into the
/// device's messages (docs/protocol.md §10). Control, <c>system</c> and <c>result</c> lines change the
/// driver's state and are handled by <see cref="ClaudeAgent"/>.
/// </summary>
internal static class ClaudeEventMapper
{
    /// <summary>The messages <paramref name="line"/> gives in turn <paramref name="turn"/>; none for anything else.</summary>
    public static IEnumerable<SessionMessage> Map(JsonElement line, long turn) => Str(line, "type") switch
    {
        "stream_event" => TextDelta(line, turn),
        "assistant" => ToolCalls(line, turn),
        "user" => ToolResults(line),
        _ => [],
    };

    // Text arrives token by token here (--include-partial-messages); the assistant line that follows
    // repeats it whole and is not sent again. A sub-agent's own stream (parent_tool_use_id set) is not
    // shown as the assistant's words: its outcome comes back as the Task tool's result.
    private static IEnumerable<SessionMessage> TextDelta(JsonElement line, long turn)
    {
        if (IsSubAgent(line) || !line.TryGetProperty("event", out var ev) || Str(ev, "type") != "content_block_delta"
            || !ev.TryGetProperty("delta", out var delta) || Str(delta, "type") != "text_delta"
            || Str(delta, "text") is not { Length: > 0 } text)
        {
            yield break;
        }

        yield return new AgentTextMessage { Turn = turn, Text = text };
    }

    private static IEnumerable<SessionMessage> ToolCalls(JsonElement line, long turn)
    {
        foreach (var block in ContentBlocks(line))
        {
            if (Str(block, "type") != "tool_use" || Str(block, "id") is not { } id || Str(block, "name") is not { } tool)
            {
                continue;
            }

            var input = block.TryGetProperty("input", out var value) ? value : default;
            yield return new ToolCallMessage
            {
                Turn = turn,
                Id = id,
                Tool = tool,
                Input = input.ValueKind == JsonValueKind.Undefined ? "{}" : SessionMessages.Canonical(input),
                Summary = ToolSummary.Of(tool, input),
            };
        }
    }

    private static IEnumerable<SessionMessage> ToolResults(JsonElement line)
    {
        foreach (var block in ContentBlocks(line))
        {
            if (Str(block, "type") != "tool_result" || Str(block, "tool_use_id") is not { } id)
            {
                continue;
            }

            var (text, size, truncated) = ToolResultText.From(block.TryGetProperty("content", out var content) ? content : default);
            yield return new ToolResultMessage
            {
                Id = id,
                Text = text,
                Size = size,
                Truncated = truncated,
                IsError = block.TryGetProperty("is_error", out var error) && error.ValueKind == JsonValueKind.True,
            };
        }
    }

    private static IEnumerable<JsonElement> ContentBlocks(JsonElement line) =>
        line.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
            ? content.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object)
            : [];

    private static bool IsSubAgent(JsonElement line) =>
        line.TryGetProperty("parent_tool_use_id", out var parent) && parent.ValueKind == JsonValueKind.String;

    /// <summary>A string member of an object, or null (wrong kind, missing, or not an object).</summary>
    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
