namespace Tether.Protocol.Relay;

/// <summary>What a HELLO's credential is (docs/protocol.md §7.3).</summary>
public enum HelloKind : byte
{
    /// <summary>A connect token (83 bytes).</summary>
    Token = 1,

    /// <summary>Channel public key (65) ‖ signature (64).</summary>
    HostProof = 2,

    /// <summary>Device certificate (219) ‖ signature (64).</summary>
    DeviceProof = 3,

    /// <summary>A pairing access code (32).</summary>
    PairingAccess = 4,
}
