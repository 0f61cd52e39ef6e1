using System.Text.Json;

namespace Tether.FakeAnthropic;

/// <summary>Reads text out of Messages API content, which is either a string or an array of blocks.</summary>
internal static class MessageText
{
    private const string SystemReminder = "<system-reminder>";

    /// <summary>The text of a string, or of the <c>text</c> blocks of an array, joined by newlines.</summary>
    public static string Of(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
            .Where(b => b.TryGetProperty("type", out var t) && t.ValueEquals("text"))
            .Select(b => b.GetProperty("text").GetString())),
        _ => "",
    };

    /// <summary>Like <see cref="Of"/>, without the <c>&lt;system-reminder&gt;</c> blocks the CLI adds to user messages.</summary>
    public static string Typed(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
            .Where(b => b.TryGetProperty("type", out var t) && t.ValueEquals("text"))
            .Select(b => b.GetProperty("text").GetString() ?? "")
            .Where(text => !text.StartsWith(SystemReminder, StringComparison.Ordinal))),
        _ => Of(content),
    };

    /// <summary>The <c>tool_result</c> blocks of one message.</summary>
    public static IReadOnlyList<ToolResult> ToolResults(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. content.EnumerateArray()
            .Where(b => b.TryGetProperty("type", out var t) && t.ValueEquals("tool_result"))
            .Select(b => new ToolResult(
                b.GetProperty("tool_use_id").GetString() ?? "",
                b.TryGetProperty("content", out var c) ? Of(c) : "",
                b.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True))];
    }
}
