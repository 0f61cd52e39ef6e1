using System.Threading.Channels;
using Tether.Host.Agents;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Claude;

/// <summary>The device's end for driver tests: keeps every message, through the wire format and back, and waits for one.</summary>
internal sealed class DeviceRecorder : ISessionOutput
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<SessionMessage> _messages = [];
    private readonly Lock _lock = new();
    private readonly Channel<bool> _arrived = Channel.CreateUnbounded<bool>();

    public bool DeviceConnected => true;

    public IReadOnlyList<SessionMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<string> States => [.. Messages.OfType<AgentStateMessage>().Select(m => m.State)];

    public Task SendAsync(SessionMessage message, CancellationToken cancellationToken)
    {
        Assert.True(SessionMessages.TryDecode(SessionMessages.Encode(message), out var decoded));
        lock (_lock)
        {
            _messages.Add(decoded!);
        }

        _arrived.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    /// <summary>The first message of type <typeparamref name="T"/> (matching <paramref name="where"/>) sent so far or next.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? where = null)
        where T : SessionMessage
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Messages.OfType<T>().FirstOrDefault(m => where?.Invoke(m) ?? true) is { } found)
            {
                return found;
            }

            await _arrived.Reader.ReadAsync(timeout.Token);
        }
    }
}
