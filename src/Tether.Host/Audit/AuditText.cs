namespace Tether.Host.Audit;

/// <summary>Bounds and checks the text that goes into records.</summary>
internal static class AuditText
{
    /// <summary>
    /// A summary is one line on a phone's approval card; the full tool input never enters the log (only
    /// its hash), and a long "summary" would be a way to smuggle most of it in.
    /// </summary>
    public const int MaxSummaryChars = 200;

    /// <summary>Reasons, details, names: enough for a sentence, small enough that a record stays well below <see cref="AuditTail.MaxLineBytes"/>.</summary>
    public const int MaxTextChars = 500;

    private const string Ellipsis = "…";

    /// <summary>Null-checks a required value at construction, so a caller's bug shows where it was made.</summary>
    public static string Required(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters (never inside a surrogate pair), marked with an ellipsis.</summary>
    public static string Short(string text, int max = MaxTextChars)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), Ellipsis);
    }

    /// <summary>True for 64 lowercase hex characters (a SHA-256 as the log writes it).</summary>
    public static bool IsSha256Hex(string? text) =>
        text is { Length: AuditLine.HashHexLength } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
