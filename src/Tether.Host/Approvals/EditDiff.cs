using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Tether.Host.Approvals;

/// <summary>
/// What an Edit or Write would change, as a unified-style diff against the file on disk, for the
/// approval card: the person approves the change, not a description of it.
/// </summary>
internal static class EditDiff
{
    /// <summary>A file bigger than this is not diffed (the card says so): a phone cannot show it anyway.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    /// <summary>Lines of unchanged context around each change.</summary>
    private const int Context = 3;

    /// <summary>The diff shown on a card is cut here; the full change is in the input.</summary>
    private const int MaxDiffChars = 64 * 1024;

    /// <summary>The diff for <paramref name="call"/>, or null when it is not an Edit or Write.</summary>
    public static string? For(ToolCall call)
    {
        if (call.Tool is not ("Write" or "Edit") || call.FilePath is not { } path)
        {
            return null;
        }

        string before;
        try
        {
            var file = new FileInfo(path);
            if (file.Exists && file.Length > MaxFileBytes)
            {
                return $"({path} is {file.Length} bytes: too large to diff here; see the input)";
            }

            before = file.Exists ? File.ReadAllText(path) : string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"({path} cannot be read to diff: {e.Message})";
        }

        var after = call.Tool == "Write" ? call.Text("content") ?? string.Empty : Apply(before, call);
        return after is null ? $"(the text to replace is not in {path}; the edit would fail)" : Unified(path, before, after);
    }

    private static string? Apply(string before, ToolCall call)
    {
        var old = call.Text("old_string");
        var replacement = call.Text("new_string") ?? string.Empty;
        if (string.IsNullOrEmpty(old) || !before.Contains(old, StringComparison.Ordinal))
        {
            return null;
        }

        var all = call.Input.TryGetProperty("replace_all", out var flag) && flag.ValueKind == System.Text.Json.JsonValueKind.True;
        if (all)
        {
            return before.Replace(old, replacement, StringComparison.Ordinal);
        }

        var at = before.IndexOf(old, StringComparison.Ordinal);
        return string.Concat(before.AsSpan(0, at), replacement, before.AsSpan(at + old.Length));
    }

    private static string Unified(string path, string before, string after)
    {
        var lines = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(before, after, ignoreWhitespace: false).Lines;
        var diff = new StringBuilder().Append("--- ").AppendLine(path).Append("+++ ").AppendLine(path);
        var lastShown = -1;
        for (var i = 0; i < lines.Count && diff.Length < MaxDiffChars; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged && !NearChange(lines, i))
            {
                continue;
            }

            if (lastShown >= 0 && i > lastShown + 1)
            {
                diff.AppendLine("@@");
            }

            diff.Append(lines[i].Type switch
            {
                ChangeType.Inserted => '+',
                ChangeType.Deleted => '-',
                _ => ' ',
            }).AppendLine(lines[i].Text);
            lastShown = i;
        }

        if (diff.Length >= MaxDiffChars)
        {
            diff.Length = MaxDiffChars;
            diff.AppendLine().AppendLine("(diff cut here)");
        }

        return diff.ToString();
    }

    private static bool NearChange(List<DiffPiece> lines, int index)
    {
        for (var j = Math.Max(0, index - Context); j <= Math.Min(lines.Count - 1, index + Context); j++)
        {
            if (lines[j].Type != ChangeType.Unchanged)
            {
                return true;
            }
        }

        return false;
    }
}
