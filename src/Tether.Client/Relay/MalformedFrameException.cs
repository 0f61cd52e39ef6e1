namespace Tether.Client.Relay;

/// <summary>The relay sent a text message or a frame over the limit; the connection is dropped (internal signal, never escapes).</summary>
internal sealed class MalformedFrameException : Exception
{
    public MalformedFrameException()
        : base("The relay sent a text message or an oversized frame.")
    {
    }
}
