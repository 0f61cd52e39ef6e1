namespace Tether.Host.Sandbox.Egress;

/// <summary>How far <see cref="ClientHelloParser"/> got with the bytes it was given.</summary>
internal enum ClientHelloStatus
{
    /// <summary>The ClientHello is not complete yet; read more.</summary>
    NeedMore,

    /// <summary>The whole ClientHello was read and parsed.</summary>
    Complete,

    /// <summary>The bytes are not a TLS ClientHello, or one we refuse (too large, ill-formed).</summary>
    Malformed,
}
