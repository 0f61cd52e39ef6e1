namespace Tether.Protocol.Relay;

/// <summary>
/// The relay's side of the HELLO proofs (docs/protocol.md §7.3): checks of credentials of kind
/// <see cref="HelloKind.HostProof"/> and <see cref="HelloKind.DeviceProof"/> against the CHALLENGE
/// nonce the relay sent. Every check takes untrusted bytes and returns false, never throws.
/// </summary>
public static class HelloProofs
{
    /// <summary>Bytes of a CHALLENGE nonce.</summary>
    public const int NonceLength = HelloSignature.NonceLength;

    /// <summary>Bytes of a host proof: channel public key (65) ‖ signature (64).</summary>
    public const int HostProofLength = EcdsaP256.PublicKeyLength + EcdsaP256.SignatureLength;

    /// <summary>Bytes of a device proof: certificate (219) ‖ signature (64).</summary>
    public const int DeviceProofLength = DeviceCertificate.Length + EcdsaP256.SignatureLength;

    /// <summary>
    /// Whether <paramref name="credential"/> proves the channel key of <paramref name="channel"/>: its
    /// public key derives that channel id and its signature covers this nonce, channel and the host role.
    /// </summary>
    public static bool VerifyHostProof(ReadOnlySpan<byte> credential, ReadOnlySpan<byte> nonce, RelayId channel)
    {
        if (credential.Length != HostProofLength || nonce.Length != HelloSignature.NonceLength)
        {
            return false;
        }

        var publicKey = credential[..EcdsaP256.PublicKeyLength];
        return ChannelKey.DeriveChannelId(publicKey) == channel
            && EcdsaP256.Verify(publicKey, HelloSignature.Message(nonce, channel, RelayRole.Host), credential[EcdsaP256.PublicKeyLength..]);
    }

    /// <summary>
    /// Whether <paramref name="credential"/> is a certificate for <paramref name="channel"/>, signed by
    /// that channel's key, followed by a signature of its access key over this nonce, channel and the
    /// device role. Expiry is the caller's check (<see cref="DeviceCertificate.IsExpired"/>): it needs a clock.
    /// </summary>
    public static bool TryVerifyDeviceProof(ReadOnlySpan<byte> credential, ReadOnlySpan<byte> nonce, RelayId channel, out DeviceCertificate? certificate)
    {
        certificate = null;
        if (credential.Length != DeviceProofLength || nonce.Length != HelloSignature.NonceLength
            || !DeviceCertificate.TryParse(credential[..DeviceCertificate.Length], out var parsed)
            || parsed!.ChannelId != channel
            || !EcdsaP256.Verify(parsed.AccessPublicKey, HelloSignature.Message(nonce, channel, RelayRole.Device), credential[DeviceCertificate.Length..]))
        {
            return false;
        }

        certificate = parsed;
        return true;
    }
}
