namespace Tether.Protocol.Tests.Noise;

/// <summary>A vector produced different bytes than published.</summary>
public sealed class VectorMismatchException : Exception
{
    public VectorMismatchException()
    {
    }

    public VectorMismatchException(string message)
        : base(message)
    {
    }

    public VectorMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
