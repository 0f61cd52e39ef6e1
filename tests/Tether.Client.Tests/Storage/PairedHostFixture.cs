using Tether.Client.Storage;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Tests.Storage;

/// <summary>Builds a realistic <see cref="PairedHost"/>: fresh keys and a certificate really issued by a channel key.</summary>
internal static class PairedHostFixture
{
    public static readonly DateTimeOffset PairedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static PairedHost Create(string hostName = "myproject on workstation")
    {
        using var channelKey = ChannelKey.Generate();
        using var hostKeys = NoiseKeyPair.Generate();
        var accessKey = DeviceAccessKey.Generate();
        var now = DateTimeOffset.UtcNow;
        var certificate = DeviceCertificate.Issue(channelKey, accessKey.PublicKey, now.AddDays(30), now);
        return new PairedHost(hostName, NoiseKeyPair.Generate(), accessKey, hostKeys.PublicKey, new Uri("https://relay.example/"), certificate, PairedAt);
    }

    public static byte[] NoisePrivateKey(PairedHost host)
    {
        var bytes = new byte[32];
        host.DeviceKeys.ExportPrivateKey(bytes);
        return bytes;
    }
}
