namespace Tether.Protocol.Relay;

/// <summary>
/// Why a relay connection ended (docs/protocol.md §7.5). The byte is the PEER_LEFT and KICK reason;
/// <see cref="RelayCloseReasons"/> maps it to the WebSocket close code and the metric label.
/// </summary>
public enum RelayCloseReason : byte
{
    /// <summary>The client closed.</summary>
    Normal = 0,

    /// <summary>The relay is shutting down; reconnect.</summary>
    Restarting = 1,

    /// <summary>A credential did not verify, or its role or channel did not match.</summary>
    AuthFailed = 2,

    /// <summary>No HELLO in time.</summary>
    AuthTimeout = 3,

    /// <summary>A message over <see cref="RelayFrames.MaxFrame"/>.</summary>
    FrameTooLarge = 4,

    /// <summary>A text message, or an unknown, malformed or forbidden frame.</summary>
    ProtocolError = 5,

    /// <summary>The connection's queue stayed full past the deadline.</summary>
    SlowConsumer = 6,

    /// <summary>Too many connections from one address.</summary>
    RateLimited = 7,

    /// <summary>The channel's cap for the role is reached.</summary>
    ChannelFull = 8,

    /// <summary>A newer host connection took the channel.</summary>
    Superseded = 9,

    /// <summary>The host kicked this peer.</summary>
    Revoked = 10,

    /// <summary>The token expired and was not refreshed.</summary>
    TokenExpired = 11,

    /// <summary>The connection dropped without a close (PEER_LEFT only).</summary>
    Lost = 12,
}
