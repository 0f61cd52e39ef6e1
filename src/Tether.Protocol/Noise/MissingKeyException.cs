namespace Tether.Protocol.Noise;

/// <summary>The handshake pattern needs a key (local static, remote static or PSK) that was not supplied.</summary>
public sealed class MissingKeyException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MissingKeyException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public MissingKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public MissingKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
