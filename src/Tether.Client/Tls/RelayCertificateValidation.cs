using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Tether.Client.Tls;

/// <summary>
/// How a <see cref="Relay.RelayClient"/> checks the relay's TLS certificate: the platform's chain and
/// host-name validation, or, when pins are given, a match against one of them instead. Either way a
/// certificate is checked; there is deliberately no option that accepts any certificate.
/// </summary>
internal static class RelayCertificateValidation
{
    /// <summary>
    /// The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>:
    /// null (the platform's validation) without pins, otherwise a pin check.
    /// </summary>
    public static RemoteCertificateValidationCallback? CreateCallback(IReadOnlyList<RelayCertificatePin> pins)
    {
        ArgumentNullException.ThrowIfNull(pins);
        if (pins.Count == 0)
        {
            return null;
        }

        var copy = pins.ToArray();
        return (_, certificate, _, _) => IsPinned(copy, certificate);
    }

    /// <summary>Whether the presented leaf certificate's key matches a pin. No certificate never matches.</summary>
    internal static bool IsPinned(IReadOnlyList<RelayCertificatePin> pins, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        // SslStream hands over an X509Certificate2 in practice; wrap defensively rather than assume.
        using var owned = certificate as X509Certificate2 is null ? new X509Certificate2(certificate) : null;
        var leaf = owned ?? (X509Certificate2)certificate;
        foreach (var pin in pins)
        {
            if (pin.Matches(leaf))
            {
                return true;
            }
        }

        return false;
    }
}
