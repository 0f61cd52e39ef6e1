using Microsoft.Extensions.Logging;
using Tether.Client.Tls;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Pairing;

/// <summary>What a <see cref="PairingHost"/> needs. Keys are borrowed: the caller keeps and disposes them.</summary>
public sealed record PairingHostOptions
{
    /// <summary>The relay, in the §2.2 form the link carries (e.g. <c>https://relay.example</c>, no trailing slash).</summary>
    public required string RelayUrl { get; init; }

    /// <summary>The project's channel key: it signs the new device's certificate, and its channel is the one the device will use.</summary>
    public required ChannelKey ProjectChannelKey { get; init; }

    /// <summary>The host's Noise static key pair; its public half goes into the link and is pinned by the device.</summary>
    public required NoiseKeyPair HostStatic { get; init; }

    /// <summary>The host's display name for the device (1 to 64 bytes of UTF-8, no control characters).</summary>
    public required string HostName { get; init; }

    /// <summary>The clock for the link's expiry and the certificate's dates. The relay connection keeps real time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>SPKI pins of a self-hosted relay's certificate; empty for normal validation.</summary>
    public IReadOnlyList<RelayCertificatePin> PinnedCertificates { get; init; } = [];

    /// <summary>Where the relay client logs; null for none.</summary>
    public ILoggerFactory? RelayLoggerFactory { get; init; }
}
