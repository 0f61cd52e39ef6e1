namespace Tether.Client.Relay.Events;

/// <summary>
/// Something that happened on a <see cref="RelayClient"/>'s channel, in the order it happened. The
/// stream ends with exactly one <see cref="Closed"/>.
/// </summary>
public abstract record RelayEvent
{
    private protected RelayEvent()
    {
    }
}
