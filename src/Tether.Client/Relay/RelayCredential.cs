using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// What a <see cref="RelayClient"/> proves itself with (docs/protocol.md §7.2): the channel key for a
/// host, a device certificate and its access key for a device, or a one-time pairing access code.
/// Keys are borrowed: the caller keeps ownership and disposes them after the client.
/// </summary>
public abstract class RelayCredential
{
    private protected RelayCredential(RelayRole role, RelayId channel)
    {
        Role = role;
        Channel = channel;
    }

    /// <summary>The role this credential connects as.</summary>
    public RelayRole Role { get; }

    /// <summary>The one channel it opens.</summary>
    public RelayId Channel { get; }

    /// <summary>A host that owns <paramref name="channelKey"/>'s channel.</summary>
    public static RelayCredential ForHost(ChannelKey channelKey) => new HostCredential(channelKey);

    /// <summary>A paired device with its certificate and the access key the certificate names.</summary>
    /// <exception cref="ArgumentException">The certificate names another access key.</exception>
    public static RelayCredential ForDevice(DeviceAccessKey accessKey, DeviceCertificate certificate) =>
        new DeviceCredential(accessKey, certificate);

    /// <summary>A device being paired, admitted once by the access code derived from the link's PSK (§7.4).</summary>
    /// <param name="channel">The channel from the pairing link.</param>
    /// <param name="accessCode"><see cref="PairingAccessCode.Derive"/> of the link's PSK; copied.</param>
    public static RelayCredential ForPairing(RelayId channel, ReadOnlySpan<byte> accessCode) =>
        new PairingCredential(channel, accessCode);

    /// <summary>The HELLO answering a CHALLENGE <paramref name="nonce"/> with a proof (not a token).</summary>
    internal abstract byte[] CreateHello(ReadOnlySpan<byte> nonce);
}
