namespace Tether.Protocol.Relay;

/// <summary>Who a relay connection speaks for (docs/protocol.md §7.2); the byte is the wire code.</summary>
public enum RelayRole : byte
{
    /// <summary>The workstation that owns the channel.</summary>
    Host = 1,

    /// <summary>A paired device.</summary>
    Device = 2,

    /// <summary>A device being paired, admitted once by a pairing access code.</summary>
    Pairing = 3,
}
