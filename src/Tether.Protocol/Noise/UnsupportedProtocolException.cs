namespace Tether.Protocol.Noise;

/// <summary>The protocol name is malformed or names a pattern, modifier or primitive this implementation does not provide.</summary>
public sealed class UnsupportedProtocolException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public UnsupportedProtocolException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public UnsupportedProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public UnsupportedProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
