namespace Tether.Host.Agents.Claude;

/// <summary>Every message and exception of the Claude driver that a person reads, in one place.</summary>
internal static class ClaudeErrors
{
    /// <summary>The pinned version: its behaviour is what shared/reference/claude-code-headless.md records.</summary>
    public const string InstallHint = "install it with: npm install -g @anthropic-ai/claude-code@2.1.197 (or run scripts/setup.sh)";

    public static string BypassRefused(string mode) =>
        $"permission mode \"{mode}\" is refused: remote sessions never bypass approvals (use default or plan)";

    public static ClaudeSetupException NotOnPath() =>
        new($"Claude Code (claude) was not found on PATH; {InstallHint}, or give its path.");

    public static ClaudeSetupException ExecutableMissing(string path) =>
        new($"Claude Code was configured at {path}, but no executable file is there; {InstallHint}, or fix the path.");

    public static ClaudeSetupException CouldNotStart(string path, Exception inner) =>
        new($"Claude Code at {path} could not be started ({inner.Message}); {InstallHint}.", inner);

    public static ClaudeSetupException VersionUnreadable(string path, string output) =>
        new($"{path} --version printed \"{output}\", which is not a Claude Code version; {InstallHint}.");

    public static ClaudeSetupException VersionTooOld(ClaudeVersion found) =>
        new($"Claude Code {found} is too old: Tether needs {ClaudeVersion.Minimum} or newer (stream-json control protocol); {InstallHint}.");

    public static ClaudeSetupException VersionTimedOut(string path) =>
        new($"{path} --version did not answer in time; is it really Claude Code? {InstallHint}.");
}
