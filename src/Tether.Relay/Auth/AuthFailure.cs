namespace Tether.Relay.Auth;

/// <summary>Why a HELLO was refused: logged and counted, never told to the client (it only sees <c>auth-failed</c>).</summary>
internal enum AuthFailure
{
    /// <summary>The role does not go with the credential's kind (a host proof for a device, a token for pairing).</summary>
    RoleMismatch,

    /// <summary>The token did not verify: forged, unknown key, other channel or role, expired.</summary>
    BadToken,

    /// <summary>The host proof's key is not the channel's, or its signature does not cover this nonce.</summary>
    BadHostProof,

    /// <summary>The certificate or the access key's signature did not verify for this channel and nonce.</summary>
    BadDeviceProof,

    /// <summary>The device certificate has passed its not-after.</summary>
    CertificateExpired,

    /// <summary>No open pairing slot of the channel has this access code (never opened, used, closed or expired).</summary>
    NoPairingSlot,
}
