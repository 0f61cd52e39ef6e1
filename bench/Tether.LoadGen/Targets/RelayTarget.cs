using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// The Tether relay (docs/protocol.md §7). A link is a fresh channel: a host authenticated by its
/// channel key (in the echo host process, <see cref="EchoHosts"/>, unless <paramref name="hostInProcess"/>)
/// and one device of the load generator's, authenticated by a certificate and access key, so every
/// connection is a real, admitted one. A frame is DATA with the payload: device → relay → host,
/// which sends it straight back → relay → device.
/// </summary>
internal sealed class RelayTarget(Uri baseUrl, bool hostInProcess) : ITarget
{
    /// <summary>docs/protocol.md §7.3.</summary>
    public const string SubProtocol = "tether.relay.v1";

    /// <summary>The certificates only need to outlive the run; a day is well inside the 90-day cap.</summary>
    private static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(1);

    private readonly WebSocketConnector _connector = new();
    private readonly EchoHosts? _hosts = hostInProcess ? null : EchoHosts.Start(baseUrl);

    public int ConnectionsPerLink => 2;

    public async Task<ILink> OpenLinkAsync(int payloadBytes, CancellationToken cancel)
    {
        using var channelKey = ChannelKey.Generate();
        using var accessKey = DeviceAccessKey.Generate();
        var now = DateTimeOffset.UtcNow;
        var certificate = DeviceCertificate.Issue(channelKey, accessKey.PublicKey, now + CertificateLifetime, now);
        var uri = new Uri(baseUrl, $"/v1/channels/{channelKey.ChannelId}");

        // The host first, so that the device finds it online and its frames have somewhere to go.
        ClientWebSocket? host = null;
        int? hostId = null;
        ClientWebSocket? device = null;
        try
        {
            if (_hosts is not null)
            {
                hostId = await _hosts.OpenAsync(channelKey, RelayFrames.DataHeaderLength + payloadBytes, cancel);
            }
            else
            {
                host = await _connector.ConnectAsync(uri, SubProtocol, cancel);
                await RelayHandshake.AuthenticateAsync(host, RelayRole.Host, HelloKind.HostProof, nonce => channelKey.CreateHostProof(nonce), cancel);
            }

            device = await _connector.ConnectAsync(uri, SubProtocol, cancel);
            await RelayHandshake.AuthenticateAsync(
                device, RelayRole.Device, HelloKind.DeviceProof, nonce => accessKey.CreateDeviceProof(certificate, nonce), cancel);
            return new RelayLink(host, device, payloadBytes, hostId is { } id ? () => _hosts!.CloseAsync(id) : null);
        }
        catch
        {
            host?.Dispose();
            device?.Dispose();
            if (hostId is { } id)
            {
                await _hosts!.CloseAsync(id);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _connector.Dispose();
        if (_hosts is not null)
        {
            await _hosts.DisposeAsync();
        }
    }
}
