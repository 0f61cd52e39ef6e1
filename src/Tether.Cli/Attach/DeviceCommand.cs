namespace Tether.Cli.Attach;

/// <summary>What the person (or a script) at the terminal asks the session to do.</summary>
internal abstract record DeviceCommand
{
    private DeviceCommand()
    {
    }

    public sealed record Prompt(string Text) : DeviceCommand;

    /// <param name="Remember">Also allow the same command (or path) for the rest of the session: a session rule.</param>
    public sealed record Approve(string Id, bool Remember = false) : DeviceCommand;

    public sealed record Deny(string Id, string? Reason) : DeviceCommand;

    public sealed record Interrupt : DeviceCommand;
}
