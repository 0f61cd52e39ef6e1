namespace Tether.Protocol.Noise;

/// <summary>A Noise message would exceed, or does exceed, 65,535 bytes (spec section 3).</summary>
public sealed class MessageTooLargeException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MessageTooLargeException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public MessageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public MessageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
