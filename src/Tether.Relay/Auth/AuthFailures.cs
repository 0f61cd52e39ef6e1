namespace Tether.Relay.Auth;

/// <summary>Names of <see cref="AuthFailure"/> for logs and metric labels.</summary>
internal static class AuthFailures
{
    public const int Count = (int)AuthFailure.NoPairingSlot + 1;

    public static string ToName(this AuthFailure failure) => failure switch
    {
        AuthFailure.RoleMismatch => "role-mismatch",
        AuthFailure.BadToken => "bad-token",
        AuthFailure.BadHostProof => "bad-host-proof",
        AuthFailure.BadDeviceProof => "bad-device-proof",
        AuthFailure.CertificateExpired => "certificate-expired",
        AuthFailure.NoPairingSlot => "no-pairing-slot",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };
}
