using Tether.Protocol.Noise;

namespace Tether.Host.Pairing;

/// <summary>
/// A device that has just been paired, as the host stores it (docs/protocol.md §8.4). From then on
/// only <paramref name="StaticKey"/> opens a session as this device (invariant 3).
/// </summary>
/// <param name="Name">The name the user chose (or the device suggested): 1 to 64 bytes of UTF-8, no control characters.</param>
/// <param name="StaticKey">The device's Noise static key, authenticated by the pairing handshake.</param>
/// <param name="AccessPublicKey">The device's relay access key (P-256, 65 bytes), named by its certificate.</param>
/// <param name="PairedAt">When the pairing completed.</param>
public sealed record NewDevice(string Name, NoisePublicKey StaticKey, ReadOnlyMemory<byte> AccessPublicKey, DateTimeOffset PairedAt);
