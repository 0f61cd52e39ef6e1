using System.Text;

namespace Tether.Cli.Terminal;

/// <summary>
/// Makes untrusted text (agent output, tool input, names chosen by a device) safe to print: escape
/// sequences could otherwise move the cursor, rewrite what the person sees (an approval card, say),
/// set the window title or, on some terminals, answer back. Control characters other than newline
/// and tab are shown as <c>\xNN</c> / <c>\uNNNN</c>; so are bidirectional overrides.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsAllowed(c))
            {
                safe?.Append(c);
                continue;
            }

            safe ??= new StringBuilder(text, 0, i, text.Length + 16);
            safe.Append(c <= 0xff ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
        }

        return safe?.ToString() ?? text;
    }

    private static bool IsAllowed(char c) =>
        c is '\n' or '\t'
        || (!char.IsControl(c) && c is not ('\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069')));
}
