using Tether.Client.Relay;
using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Host.Agents;
using Tether.Host.Approvals;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;
using Tether.Protocol.Session;
using Tether.Relay;

namespace Tether.ApprovalBench;

/// <summary>
/// The measured path: the relay embedded on loopback as in <c>tether run</c>, the host's and the
/// device's relay clients and Noise sessions, and a device that answers every approval request it
/// decrypts with an allow naming the request and the hash of what it was shown.
/// </summary>
internal sealed class RelayedDevice : IDeviceLink, ISessionOutput
{
    private readonly TaskCompletionSource _turnEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private RelayServer _relay = null!;
    private RelayClient _hostRelay = null!;
    private RelayClient _deviceRelay = null!;
    private ReliableChannel _host = null!;
    private ReliableChannel _device = null!;
    private Task _loops = Task.CompletedTask;

    public ISessionOutput Output => this;

    public ApprovalBroker? Approvals { get; set; }

    public Task TurnEnded => _turnEnded.Task;

    public bool DeviceConnected => _host.IsEstablished;

    public static async Task<RelayedDevice> StartAsync()
    {
        var link = new RelayedDevice();
        link._relay = await RelayServer.StartAsync(new RelayOptions { Urls = ["http://127.0.0.1:0"], TokenKeys = [RelayTokenKey.Generate(1)] });
        using var channelKey = ChannelKey.Generate();
        var accessKey = DeviceAccessKey.Generate();
        var now = DateTimeOffset.UtcNow;
        var certificate = DeviceCertificate.Issue(channelKey, accessKey.PublicKey, now.AddDays(1), now);
        var hostKeys = NoiseKeyPair.Generate();
        var deviceKeys = NoiseKeyPair.Generate();
        var url = link._relay.Urls[0];
        link._hostRelay = RelayClient.Start(new RelayClientOptions { RelayUrl = url, Credential = RelayCredential.ForHost(channelKey) });
        link._deviceRelay = RelayClient.Start(new RelayClientOptions { RelayUrl = url, Credential = RelayCredential.ForDevice(accessKey, certificate) });
        link._host = ReliableChannel.ForHost(link._hostRelay, hostKeys, key => key.Equals(deviceKeys.PublicKey));
        link._device = ReliableChannel.ForDevice(link._deviceRelay, deviceKeys, hostKeys.PublicKey);
        await foreach (var change in link._device.Events.ReadAllAsync())
        {
            if (change is SessionEstablished)
            {
                break;
            }
        }

        link._loops = Task.WhenAll(Task.Run(link.DeviceLoopAsync), Task.Run(link.HostLoopAsync));
        return link;
    }

    public Task SendAsync(SessionMessage message, CancellationToken cancellationToken) =>
        _host.SendAsync(SessionMessages.Encode(message), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _device.DisposeAsync();
        await _host.DisposeAsync();
        await _deviceRelay.DisposeAsync();
        await _hostRelay.DisposeAsync();
        await _relay.DisposeAsync();
        try
        {
            await _loops;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task DeviceLoopAsync()
    {
        await foreach (var bytes in _device.Messages.ReadAllAsync(_stop.Token))
        {
            if (!SessionMessages.TryDecode(bytes, out var message))
            {
                continue;
            }

            if (message is ApprovalRequestMessage request)
            {
                var answer = new ApprovalAnswerMessage { Id = request.Id, InputSha256 = SessionMessages.HashInput(request.Input), Decision = "allow" };
                await _device.SendAsync(SessionMessages.Encode(answer), _stop.Token);
            }
            else if (message is TurnResultMessage)
            {
                _turnEnded.TrySetResult();
            }
        }
    }

    private async Task HostLoopAsync()
    {
        await foreach (var bytes in _host.Messages.ReadAllAsync(_stop.Token))
        {
            if (SessionMessages.TryDecode(bytes, out var message) && message is ApprovalAnswerMessage answer)
            {
                Approvals!.Answer(answer);
            }
        }
    }
}
