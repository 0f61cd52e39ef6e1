using Tether.Client.Relay;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Tests.Support;

/// <summary>A channel with its host's keys and one paired device's keys, as pairing would leave them.</summary>
internal sealed class TestChannel : IDisposable
{
    public TestChannel(TimeSpan? certificateLifetime = null)
    {
        var now = DateTimeOffset.UtcNow;
        Certificate = DeviceCertificate.Issue(ChannelKey, DeviceKey.PublicKey, now + (certificateLifetime ?? TimeSpan.FromDays(1)), now);
    }

    public ChannelKey ChannelKey { get; } = ChannelKey.Generate();

    public DeviceAccessKey DeviceKey { get; } = DeviceAccessKey.Generate();

    public DeviceCertificate Certificate { get; }

    public NoiseKeyPair HostStatic { get; } = NoiseKeyPair.Generate();

    public NoiseKeyPair DeviceStatic { get; } = NoiseKeyPair.Generate();

    public RelayId Id => ChannelKey.ChannelId;

    public RelayCredential Host => RelayCredential.ForHost(ChannelKey);

    public RelayCredential Device => RelayCredential.ForDevice(DeviceKey, Certificate);

    public RelayClientOptions HostOptions(Uri relay) => new() { RelayUrl = relay, Credential = Host };

    public RelayClientOptions DeviceOptions(Uri relay) => new() { RelayUrl = relay, Credential = Device };

    public void Dispose()
    {
        ChannelKey.Dispose();
        DeviceKey.Dispose();
        HostStatic.Dispose();
        DeviceStatic.Dispose();
    }
}
