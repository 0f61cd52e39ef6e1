namespace Tether.Protocol.Noise;

/// <summary>The transport of a one-way pattern (N, K, X) only carries messages from initiator to responder.</summary>
public sealed class OneWayTransportException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public OneWayTransportException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public OneWayTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public OneWayTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
