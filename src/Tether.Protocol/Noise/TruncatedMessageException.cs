namespace Tether.Protocol.Noise;

/// <summary>A received message is shorter than its tokens and authentication tags require.</summary>
public sealed class TruncatedMessageException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public TruncatedMessageException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public TruncatedMessageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public TruncatedMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
