namespace Tether.Host.Agents.Claude;

/// <summary>The <c>--permission-mode</c> values a remote session may run Claude Code in.</summary>
public static class ClaudePermissionModes
{
    /// <summary>Writes, execs and fetches are asked (the approver sees them); reads in the project are not.</summary>
    public const string Default = "default";

    /// <summary>The model plans; the approver must deny writes and execs (Claude does not enforce it once told allow).</summary>
    public const string Plan = "plan";

    /// <summary>The modes accepted; anything else (bypassPermissions, dontAsk, acceptEdits, which would edit without asking, …) is refused.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [Default, Plan];

    /// <summary>Whether <paramref name="mode"/> bypasses approvals altogether (always refused: architecture.md, approval semantics).</summary>
    internal static bool IsBypass(string mode) =>
        mode.Contains("bypass", StringComparison.OrdinalIgnoreCase)
        || mode.Contains("dangerously", StringComparison.OrdinalIgnoreCase);
}
