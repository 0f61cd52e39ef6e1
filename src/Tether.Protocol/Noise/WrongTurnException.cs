namespace Tether.Protocol.Noise;

/// <summary>A handshake message was written while it was the peer's turn, or read while it was ours.</summary>
public sealed class WrongTurnException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public WrongTurnException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public WrongTurnException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public WrongTurnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
