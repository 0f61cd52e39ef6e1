namespace Tether.Protocol.Noise;

/// <summary>Sizes fixed by the Noise spec for the 25519 / AEAD / SHA256 suites implemented here.</summary>
public static class NoiseLimits
{
    /// <summary>
    /// Largest Noise message, handshake or transport (spec section 3). Messages carry no length field,
    /// so the limit lets any framing use a 16-bit length and bounds every buffer we allocate.
    /// </summary>
    public const int MaxMessageLength = 65535;

    /// <summary>Authentication tag appended by both AEADs (spec section 5.1: 16 bytes).</summary>
    public const int TagLength = 16;

    /// <summary>Largest transport payload: one message minus its tag.</summary>
    public const int MaxTransportPayloadLength = MaxMessageLength - TagLength;

    /// <summary>X25519 public and private key length (DHLEN, spec section 12.1).</summary>
    public const int DhLength = 32;

    /// <summary>Symmetric key length for both ciphers and for PSKs (spec sections 5.1, 9).</summary>
    public const int KeyLength = 32;

    /// <summary>SHA-256 output length (HASHLEN, spec section 12.3).</summary>
    public const int HashLength = 32;
}
