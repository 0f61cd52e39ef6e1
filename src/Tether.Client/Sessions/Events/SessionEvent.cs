namespace Tether.Client.Sessions.Events;

/// <summary>Something that happened to a <see cref="ReliableChannel"/>'s sessions and streams, in order.</summary>
public abstract record SessionEvent
{
    private protected SessionEvent()
    {
    }
}
