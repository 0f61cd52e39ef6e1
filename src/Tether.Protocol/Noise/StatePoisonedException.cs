namespace Tether.Protocol.Noise;

/// <summary>The handshake or transport failed earlier (for example a bad tag) and refuses every further operation.</summary>
public sealed class StatePoisonedException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public StatePoisonedException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public StatePoisonedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public StatePoisonedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
