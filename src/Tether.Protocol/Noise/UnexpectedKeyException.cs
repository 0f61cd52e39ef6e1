namespace Tether.Protocol.Noise;

/// <summary>A key was supplied that the handshake pattern never uses; it is refused rather than silently ignored, so a caller never believes a key is pinned when it is not.</summary>
public sealed class UnexpectedKeyException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public UnexpectedKeyException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public UnexpectedKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public UnexpectedKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
