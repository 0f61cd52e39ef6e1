namespace Tether.Relay.Connections;

/// <summary>What <see cref="WebSocketFrames.TryReadClientHeader"/> made of a client frame's first bytes.</summary>
internal enum HeaderVerdict
{
    /// <summary>A well-formed header; the payload length still has to be checked against a limit.</summary>
    Complete,

    /// <summary>Not enough bytes yet.</summary>
    Incomplete,

    /// <summary>RSV1-3 set: no extension was negotiated (compression is off), so they must be 0.</summary>
    ReservedBits,

    /// <summary>An opcode RFC 6455 reserves.</summary>
    UnknownOpcode,

    /// <summary>A client frame without a masking key (RFC 6455 §5.1 says close).</summary>
    Unmasked,

    /// <summary>A 64-bit length with its top bit set.</summary>
    BadLength,

    /// <summary>A close, ping or pong that is fragmented or carries more than 125 bytes.</summary>
    BadControlFrame,
}
