namespace Tether.Protocol.Relay;

/// <summary>The first byte of every relay frame (docs/protocol.md §7.3).</summary>
public enum RelayFrameType : byte
{
    /// <summary>relay → client: nonce (32).</summary>
    Challenge = 0x01,

    /// <summary>client → relay: role (1) | kind (1) | credential.</summary>
    Hello = 0x02,

    /// <summary>relay → client: peer id (u32) | flags (1) | expires (u64) | token (83 or none).</summary>
    Welcome = 0x03,

    /// <summary>client → relay: empty.</summary>
    Refresh = 0x04,

    /// <summary>relay → client: expires (u64) | token (83).</summary>
    Token = 0x05,

    /// <summary>both ways: peer id (u32) | one Noise message.</summary>
    Data = 0x10,

    /// <summary>relay → host: peer id (u32) | role (1) | subject (16).</summary>
    PeerJoined = 0x20,

    /// <summary>relay → host: peer id (u32) | reason (1).</summary>
    PeerLeft = 0x21,

    /// <summary>relay → device: empty.</summary>
    HostOnline = 0x22,

    /// <summary>relay → device: empty.</summary>
    HostOffline = 0x23,

    /// <summary>host → relay: verifier (32) | expires (u64).</summary>
    PairOpen = 0x30,

    /// <summary>host → relay: verifier (32).</summary>
    PairClose = 0x31,

    /// <summary>host → relay: peer id (u32) | reason (1).</summary>
    Kick = 0x32,

    /// <summary>relay → client: reconnect after, milliseconds (u32).</summary>
    Restarting = 0x40,
}
