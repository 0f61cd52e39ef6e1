namespace Tether.Client.Sessions;

/// <summary>A send on a <see cref="ReliableChannel"/> that has ended; <see cref="Ending"/> says why.</summary>
public sealed class SessionEndedException : InvalidOperationException
{
    /// <summary>An exception for <paramref name="ending"/>.</summary>
    public SessionEndedException(SessionEnding ending)
        : base(ending?.Message)
    {
        ArgumentNullException.ThrowIfNull(ending);
        Ending = ending;
    }

    /// <summary>Why the channel ended.</summary>
    public SessionEnding Ending { get; }
}
