namespace Tether.Host.Agents.Claude;

/// <summary>
/// Claude Code cannot be driven as configured: not installed, too old, a refused permission mode, a
/// state directory that is not private. The message says what to do; it is shown to the person as is.
/// </summary>
public sealed class ClaudeSetupException : Exception
{
    public ClaudeSetupException()
    {
    }

    public ClaudeSetupException(string message)
        : base(message)
    {
    }

    public ClaudeSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
