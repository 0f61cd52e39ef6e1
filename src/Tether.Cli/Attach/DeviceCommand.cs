namespace Tether.Cli.Attach;

/// <summary>What the person (or a script) at the terminal asks the session to do.</summary>
internal abstract record DeviceCommand
{
    private DeviceCommand()
    {
    }

    public sealed record Prompt(string Text) : DeviceCommand;

    public sealed record Approve(string Id) : DeviceCommand;

    public sealed record Deny(string Id, string? Reason) : DeviceCommand;

    public sealed record Interrupt : DeviceCommand;
}
