namespace Tether.Protocol.Noise;

/// <summary>A handshake message was written or read after the handshake had already completed.</summary>
public sealed class HandshakeCompletedException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public HandshakeCompletedException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public HandshakeCompletedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public HandshakeCompletedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
