namespace Tether.Protocol.Noise;

/// <summary>
/// Base type of every error the Noise layer raises on purpose: bad input from the peer, a cryptographic
/// failure, or a handshake or transport used out of order.
/// </summary>
/// <remarks>
/// It derives from <see cref="InvalidOperationException"/> (as <see cref="ObjectDisposedException"/> does)
/// because every one of these failures means "this state cannot perform that operation"; one
/// <c>catch (NoiseException)</c> is enough to drop a connection. Instances are built by <c>Errors</c> so
/// messages stay uniform and never contain key material.
/// </remarks>
public class NoiseException : InvalidOperationException
{
    /// <summary>Creates an exception with a default message.</summary>
    public NoiseException()
        : base("The Noise operation failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public NoiseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public NoiseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
