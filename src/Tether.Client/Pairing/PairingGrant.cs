using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Pairing;

/// <summary>
/// What the host granted a device at pairing (docs/protocol.md §8.4): everything the device needs to
/// open sessions later. Handed to the store callback before the device says <c>pair.stored</c>.
/// </summary>
/// <param name="HostStaticKey">The host's Noise static key from the link; every session pins it.</param>
/// <param name="Channel">The project's channel (from <c>pair.accepted</c>, equal to the certificate's).</param>
/// <param name="RelayUrl">The relay to reach it through (§2.2 form).</param>
/// <param name="Certificate">The device certificate, verified: signed for <paramref name="Channel"/>, naming this device's access key.</param>
/// <param name="HostName">The host's display name.</param>
public sealed record PairingGrant(NoisePublicKey HostStaticKey, RelayId Channel, string RelayUrl, DeviceCertificate Certificate, string HostName);
