using Microsoft.Extensions.Logging;
using Tether.Client.Tls;

namespace Tether.Client.Pairing;

/// <summary>How a device reaches the relay while pairing; the defaults suit a public relay.</summary>
public sealed record PairingDeviceOptions
{
    /// <summary>The clock for the link's expiry, the certificate's dates and the reply deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>SPKI pins of a self-hosted relay's certificate; empty for normal validation.</summary>
    public IReadOnlyList<RelayCertificatePin> PinnedCertificates { get; init; } = [];

    /// <summary>Where the relay client logs (never payloads or credentials); null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
