using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>A device's credential: its certificate and a signature over the CHALLENGE by its access key (HELLO kind 3).</summary>
internal sealed class DeviceCredential : RelayCredential
{
    private readonly DeviceAccessKey _key;
    private readonly DeviceCertificate _certificate;

    public DeviceCredential(DeviceAccessKey key, DeviceCertificate certificate)
        : base(RelayRole.Device, (certificate ?? throw new ArgumentNullException(nameof(certificate))).ChannelId)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!certificate.AccessPublicKey.SequenceEqual(key.PublicKey))
        {
            throw new ArgumentException("The certificate names another access key.", nameof(certificate));
        }

        _key = key;
        _certificate = certificate;
    }

    internal override byte[] CreateHello(ReadOnlySpan<byte> nonce) =>
        RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, _key.CreateDeviceProof(_certificate, nonce));
}
