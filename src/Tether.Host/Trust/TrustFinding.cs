namespace Tether.Host.Trust;

/// <summary>One thing in a workspace that could run code or weaken approvals if Claude loaded it.</summary>
/// <param name="File">The file, relative to the project root, with '/' separators.</param>
/// <param name="JsonPath">Where in the file (<c>$</c> for the file as a whole).</param>
/// <param name="Effect">What it would do, naming the command, variable or server.</param>
/// <param name="Severity">How bad that is.</param>
/// <param name="Reason">Why it has that severity.</param>
public sealed record TrustFinding(string File, string JsonPath, string Effect, TrustSeverity Severity, string Reason)
{
    /// <summary>The finding on one line, for terminals and logs.</summary>
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {File} {JsonPath}: {Effect} ({Reason})";
}
