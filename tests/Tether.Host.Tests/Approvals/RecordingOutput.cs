using System.Threading.Channels;
using Tether.Host.Agents;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Approvals;

/// <summary>The device's end of a session for logic tests: records what the host sends, in order.</summary>
internal sealed class RecordingOutput : ISessionOutput
{
    private readonly Channel<SessionMessage> _sent = Channel.CreateUnbounded<SessionMessage>();

    public bool DeviceConnected { get; set; } = true;

    public Task SendAsync(SessionMessage message, CancellationToken cancellationToken)
    {
        // Through the wire format and back, so the tests see what a device would.
        Assert.True(SessionMessages.TryDecode(SessionMessages.Encode(message), out var decoded));
        _sent.Writer.TryWrite(decoded!);
        return Task.CompletedTask;
    }

    public async Task<T> NextAsync<T>()
        where T : SessionMessage
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _sent.Reader.ReadAsync(timeout.Token);
            if (message is T wanted)
            {
                return wanted;
            }
        }
    }
}
