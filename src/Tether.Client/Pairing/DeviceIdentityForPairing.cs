using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Pairing;

/// <summary>
/// The device's own keys and name for one pairing. The keys are borrowed: the caller generated them,
/// stores them with the paired host, and disposes them.
/// </summary>
/// <param name="DeviceStatic">The device's Noise static key; the host stores its public half and accepts only it in sessions.</param>
/// <param name="AccessKey">The device's relay access key; the host certifies its public half.</param>
/// <param name="SuggestedName">The name the device suggests for itself: UTF-8, 1 to 64 bytes, no control characters.</param>
public sealed record DeviceIdentityForPairing(NoiseKeyPair DeviceStatic, DeviceAccessKey AccessKey, string SuggestedName);
