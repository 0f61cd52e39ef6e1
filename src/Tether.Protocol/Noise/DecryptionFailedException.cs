namespace Tether.Protocol.Noise;

/// <summary>Authenticated decryption failed (bad tag): the message was modified, replayed, reordered or encrypted under another key. The state that raised it is poisoned.</summary>
public sealed class DecryptionFailedException : NoiseException
{
    /// <summary>Creates an exception with a default message.</summary>
    public DecryptionFailedException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public DecryptionFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public DecryptionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
