namespace Tether.Protocol.Noise;

/// <summary>A Diffie-Hellman result was all zeros: the peer sent a low-order (small-subgroup) public key. The result is never used.</summary>
public sealed class WeakPublicKeyException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public WeakPublicKeyException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public WeakPublicKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public WeakPublicKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
