namespace Tether.Host.Agents.Claude;

/// <summary>What <c>tether doctor</c> learns about the installed Claude Code, without starting a session.</summary>
/// <param name="Executable">The resolved executable, or null when none was found.</param>
/// <param name="Version">The version it printed, or null.</param>
/// <param name="IsPinned">True when it is <see cref="ClaudeVersion.Pinned"/>.</param>
/// <param name="Problem">Why it cannot be driven, or null.</param>
public sealed record ClaudeInstallCheck(string? Executable, string? Version, bool IsPinned, string? Problem)
{
    /// <summary>The pinned version, as text.</summary>
    public static string PinnedVersion => ClaudeVersion.Pinned.ToString();

    /// <summary>Finds claude (<paramref name="executable"/>, else PATH) and runs <c>claude --version</c>; never throws for a broken install.</summary>
    public static async Task<ClaudeInstallCheck> RunAsync(string? executable, string workingDirectory, CancellationToken cancellationToken)
    {
        var options = new ClaudeAgentOptions
        {
            ProjectPath = workingDirectory,
            Executable = executable,
            StateDirectory = workingDirectory,
            Approve = (_, _) => Task.FromResult(ToolPermissionDecision.Denied("not a session")),
        };
        var template = ClaudeCommandLine.Template(options);
        string? resolved = null;
        try
        {
            resolved = ClaudeExecutable.Resolve(executable, ClaudeCommandLine.SearchPath(template));
            var version = await ClaudeVersionCheck.RunAsync(resolved, template, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return new ClaudeInstallCheck(resolved, version.ToString(), version == ClaudeVersion.Pinned, null);
        }
        catch (ClaudeSetupException e)
        {
            return new ClaudeInstallCheck(resolved, null, false, e.Message);
        }
    }
}
