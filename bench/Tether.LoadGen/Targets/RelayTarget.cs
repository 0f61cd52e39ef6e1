using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// The Tether relay (docs/protocol.md §7). A link is a fresh channel with the load generator on both
/// ends: a host authenticated by its channel key and one device authenticated by a certificate and
/// access key, so every connection is a real, admitted one. A frame is DATA with the payload:
/// device → relay → host, which sends it straight back → relay → device.
/// </summary>
internal sealed class RelayTarget(Uri baseUrl) : ITarget
{
    /// <summary>docs/protocol.md §7.3.</summary>
    private const string SubProtocol = "tether.relay.v1";

    /// <summary>The certificates only need to outlive the run; a day is well inside the 90-day cap.</summary>
    private static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(1);

    private readonly WebSocketConnector _connector = new();

    public int ConnectionsPerLink => 2;

    public async Task<ILink> OpenLinkAsync(int payloadBytes, CancellationToken cancel)
    {
        using var channelKey = ChannelKey.Generate();
        using var accessKey = DeviceAccessKey.Generate();
        var now = DateTimeOffset.UtcNow;
        var certificate = DeviceCertificate.Issue(channelKey, accessKey.PublicKey, now + CertificateLifetime, now);
        var uri = new Uri(baseUrl, $"/v1/channels/{channelKey.ChannelId}");

        // The host first, so that the device finds it online and its frames have somewhere to go.
        var host = await _connector.ConnectAsync(uri, SubProtocol, cancel);
        ClientWebSocket? device = null;
        try
        {
            await RelayHandshake.AuthenticateAsync(host, RelayRole.Host, HelloKind.HostProof, nonce => channelKey.CreateHostProof(nonce), cancel);
            device = await _connector.ConnectAsync(uri, SubProtocol, cancel);
            await RelayHandshake.AuthenticateAsync(
                device, RelayRole.Device, HelloKind.DeviceProof, nonce => accessKey.CreateDeviceProof(certificate, nonce), cancel);
            return new RelayLink(host, device, payloadBytes);
        }
        catch
        {
            host.Dispose();
            device?.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _connector.Dispose();
        return ValueTask.CompletedTask;
    }
}
