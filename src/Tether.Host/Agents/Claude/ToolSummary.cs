using System.Text;
using System.Text.Json;

namespace Tether.Host.Agents.Claude;

/// <summary>One line that says what a tool call does, for lists and notifications (the full input is shown beside it).</summary>
public static class ToolSummary
{
    /// <summary>Fits a phone's list row and a notification.</summary>
    public const int MaxChars = 120;

    // Which input member says the most about a call, per tool of Claude Code 2.1.197; other tools fall
    // back to their first string member.
    private static readonly Dictionary<string, string> KeyMember = new(StringComparer.Ordinal)
    {
        ["Bash"] = "command",
        ["Read"] = "file_path",
        ["Write"] = "file_path",
        ["Edit"] = "file_path",
        ["MultiEdit"] = "file_path",
        ["NotebookEdit"] = "notebook_path",
        ["WebFetch"] = "url",
        ["WebSearch"] = "query",
        ["Glob"] = "pattern",
        ["Grep"] = "pattern",
        ["Task"] = "description",
        ["Agent"] = "description",
    };

    /// <summary><c>Bash: npm test</c>, <c>Write: src/a.cs</c>, or the tool's name alone.</summary>
    public static string Of(string tool, JsonElement input)
    {
        string? detail = null;
        if (input.ValueKind == JsonValueKind.Object)
        {
            if (KeyMember.TryGetValue(tool, out var member) && input.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String)
            {
                detail = value.GetString();
            }
            else
            {
                detail = input.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()).FirstOrDefault();
            }
        }

        return Cut(string.IsNullOrWhiteSpace(detail) ? tool : $"{tool}: {detail}");
    }

    private static string Cut(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, MaxChars + 1));
        foreach (var c in text)
        {
            // A multi-line command shows as one line; control characters could forge terminal output.
            line.Append(char.IsControl(c) ? ' ' : c);
            if (line.Length > MaxChars)
            {
                break;
            }
        }

        if (line.Length <= MaxChars)
        {
            return line.ToString();
        }

        var keep = MaxChars - 1;
        if (char.IsHighSurrogate(line[keep - 1]))
        {
            keep--;
        }

        return line.ToString(0, keep) + "…";
    }
}
