namespace Tether.Host.Agents.Claude;

/// <summary>The <c>agent.exit</c> reason: the exit code and the last lines Claude wrote to stderr.</summary>
internal static class ClaudeExitReason
{
    // The tail of an error is where its cause is; a phone shows a handful of lines.
    private const int ShownLines = 10;

    /// <summary>Claude's stderr holds its own diagnostics, not the user's secrets (it never echoes keys), so it is shown.</summary>
    public static string Describe(int code, IReadOnlyList<string> stderr)
    {
        var head = code == 0 ? "Claude Code ended its session" : $"Claude Code exited with code {code}";
        var lines = stderr.Where(l => l.Trim().Length > 0).TakeLast(ShownLines).ToList();
        return lines.Count == 0 ? head : head + ":\n" + string.Join('\n', lines);
    }
}
