namespace Tether.Protocol.Noise;

/// <summary>The cipher state reached nonce 2^64-1, which Noise reserves (spec section 5.1); the session must be replaced.</summary>
public sealed class NonceExhaustedException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public NonceExhaustedException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public NonceExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public NonceExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
