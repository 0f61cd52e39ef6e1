using System.Text;
using System.Text.Json;

namespace Tether.Host.Agents.Claude;

/// <summary>The text of a <c>tool_result</c> block, cut to what a phone shows, with the full size kept.</summary>
internal static class ToolResultText
{
    /// <summary>A screenful or two; the full result stays on the workstation, in Claude's transcript.</summary>
    public const int MaxChars = 4096;

    /// <summary>
    /// <paramref name="content"/> is a string or an array of blocks (text blocks are joined; an image is
    /// named, not sent). Returns the shown text, the full text's size in UTF-8 bytes, and whether it was cut.
    /// </summary>
    public static (string Text, long Size, bool Truncated) From(JsonElement content)
    {
        var full = Flatten(content);
        var size = (long)Encoding.UTF8.GetByteCount(full);
        if (full.Length <= MaxChars)
        {
            return (full, size, false);
        }

        var keep = char.IsHighSurrogate(full[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        return (full[..keep], size, true);
    }

    private static string Flatten(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var block in content.EnumerateArray())
                {
                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    var type = block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (type == "text" && block.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        text.Append(value.GetString());
                    }
                    else
                    {
                        text.Append('[').Append(type ?? "content").Append(']');
                    }
                }

                return text.ToString();
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return string.Empty;
            default:
                return content.GetRawText();
        }
    }
}
