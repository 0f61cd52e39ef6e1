namespace Tether.Protocol.Noise;

/// <summary>A result of the handshake (split, handshake hash) was requested before the handshake completed.</summary>
public sealed class HandshakeIncompleteException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public HandshakeIncompleteException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public HandshakeIncompleteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public HandshakeIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
