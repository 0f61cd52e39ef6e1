namespace Tether.Cli.Relay;

/// <summary>The relay's keys could not be loaded; the message says what to fix.</summary>
public sealed class RelayKeysException : Exception
{
    public RelayKeysException()
    {
    }

    public RelayKeysException(string message)
        : base(message)
    {
    }

    public RelayKeysException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
