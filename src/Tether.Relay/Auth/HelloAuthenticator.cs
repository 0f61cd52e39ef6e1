using Tether.Protocol.Relay;
using Tether.Relay.Routing;

namespace Tether.Relay.Auth;

/// <summary>
/// Checks a HELLO's credential for a connection to one channel (docs/protocol.md §7.2–7.4). A
/// failure says why for the logs and metrics; the client only ever learns <c>auth-failed</c>.
/// </summary>
internal sealed class HelloAuthenticator(ConnectTokenIssuer issuer, ChannelRegistry registry, TimeProvider time)
{
    public bool TryAdmit(RelayRole role, HelloKind kind, ReadOnlySpan<byte> credential, ReadOnlySpan<byte> nonce, RelayId channel, out Admission admission, out AuthFailure failure)
    {
        admission = default;
        failure = default;
        switch (kind)
        {
            case HelloKind.Token when role is RelayRole.Host or RelayRole.Device:
                return TryToken(role, credential, channel, out admission, out failure);
            case HelloKind.HostProof when role == RelayRole.Host:
                if (!HelloProofs.VerifyHostProof(credential, nonce, channel))
                {
                    failure = AuthFailure.BadHostProof;
                    return false;
                }

                admission = new Admission(role, channel, issuer.Now + (ulong)issuer.Options.HostHorizon.TotalSeconds);
                return true;
            case HelloKind.DeviceProof when role == RelayRole.Device:
                return TryDeviceProof(credential, nonce, channel, out admission, out failure);
            case HelloKind.PairingAccess when role == RelayRole.Pairing:
                if (registry.Find(channel) is not { } open || !open.TryTakePairingSlot(credential, time.GetUtcNow().ToUnixTimeMilliseconds(), out var subject))
                {
                    failure = AuthFailure.NoPairingSlot;
                    return false;
                }

                admission = new Admission(role, subject, 0);
                return true;
            default:
                failure = AuthFailure.RoleMismatch;
                return false;
        }
    }

    private bool TryToken(RelayRole role, ReadOnlySpan<byte> credential, RelayId channel, out Admission admission, out AuthFailure failure)
    {
        admission = default;
        failure = AuthFailure.BadToken;

        // A host's token names the channel itself as its subject; anything else was not made by us.
        if (!issuer.TryVerify(credential, channel, role, out var token) || (role == RelayRole.Host && token.Subject != channel))
        {
            return false;
        }

        admission = new Admission(role, token.Subject, token.Horizon);
        return true;
    }

    private bool TryDeviceProof(ReadOnlySpan<byte> credential, ReadOnlySpan<byte> nonce, RelayId channel, out Admission admission, out AuthFailure failure)
    {
        admission = default;
        if (!HelloProofs.TryVerifyDeviceProof(credential, nonce, channel, out var certificate))
        {
            failure = AuthFailure.BadDeviceProof;
            return false;
        }

        if (certificate!.IsExpired(time.GetUtcNow(), issuer.Options.ClockSkew))
        {
            failure = AuthFailure.CertificateExpired;
            return false;
        }

        failure = default;
        admission = new Admission(RelayRole.Device, certificate.Subject, certificate.NotAfter);
        return true;
    }
}
