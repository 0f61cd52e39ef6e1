using System.Text;
using Tether.Client.Relay;
using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Tests.Support;

/// <summary>
/// A relay, a host connected to it directly, and devices that reach it through a <see cref="TamperingProxy"/>
/// (or directly), each with a reliable channel and a recording logger.
/// </summary>
internal sealed class ProxiedSession : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Devices reconnect within a second or two of the proxy letting them, so tests do not wait 30 s.
    private static readonly RelayBackoffOptions QuickBackoff = new() { Base = TimeSpan.FromMilliseconds(100), Cap = TimeSpan.FromSeconds(1) };

    private readonly List<IAsyncDisposable> _owned = [];

    private ProxiedSession(TestRelay relay, TamperingProxy proxy, TestChannel channel)
    {
        Relay = relay;
        Proxy = proxy;
        Channel = channel;
    }

    public TestRelay Relay { get; }

    public TamperingProxy Proxy { get; }

    public TestChannel Channel { get; }

    public RelayClient HostRelay { get; private set; } = null!;

    public ReliableChannel Host { get; private set; } = null!;

    public RecordingLoggerFactory HostLogs { get; } = new();

    public List<NoisePublicKey> PairedDevices { get; } = [];

    public static async Task<ProxiedSession> StartAsync(ReliableChannelOptions? hostOptions = null, Func<ReadOnlyMemory<byte>, bool>? isRevokedSubject = null)
    {
        var relay = await TestRelay.StartAsync();
        var proxy = await TamperingProxy.StartAsync(relay.Url);
        var session = new ProxiedSession(relay, proxy, new TestChannel());
        session.PairedDevices.Add(session.Channel.DeviceStatic.PublicKey);
        session.HostRelay = RelayClient.Start(session.Channel.HostOptions(relay.Url));
        var paired = session.PairedDevices;
        session.Host = ReliableChannel.ForHost(
            session.HostRelay, session.Channel.HostStatic, key => paired.Contains(key), isRevokedSubject, (hostOptions ?? new()) with { LoggerFactory = session.HostLogs });
        return session;
    }

    /// <summary>Starts the channel's own device, through the proxy unless <paramref name="direct"/>.</summary>
    public TestDevice StartDevice(ReliableChannelOptions? options = null, bool direct = false) =>
        StartDevice(Channel.DeviceKey, Channel.Certificate, Channel.DeviceStatic, options, direct);

    /// <summary>Starts a device with the given keys, through the proxy unless <paramref name="direct"/>.</summary>
    public TestDevice StartDevice(DeviceAccessKey accessKey, DeviceCertificate certificate, NoiseKeyPair noiseStatic, ReliableChannelOptions? options = null, bool direct = false)
    {
        var logs = new RecordingLoggerFactory();
        var relay = RelayClient.Start(new RelayClientOptions
        {
            RelayUrl = direct ? Relay.Url : Proxy.Url,
            Credential = RelayCredential.ForDevice(accessKey, certificate),
            Backoff = QuickBackoff,
        });
        var channel = ReliableChannel.ForDevice(relay, noiseStatic, Channel.HostStatic.PublicKey, (options ?? new()) with { LoggerFactory = logs });
        var device = new TestDevice(relay, channel, logs);
        _owned.Add(device);
        return device;
    }

    /// <summary>A small JSON application message with a number.</summary>
    public static byte[] Message(string from, int n) => Encoding.UTF8.GetBytes($$"""{"type":"test","from":"{{from}}","n":{{n}}}""");

    /// <summary>Reads <paramref name="count"/> message numbers.</summary>
    public static async Task<List<int>> ReadNumbersAsync(ReliableChannel channel, int count)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        var numbers = new List<int>();
        while (numbers.Count < count)
        {
            numbers.Add(SessionPair.Number(await channel.Messages.ReadAsync(cancel.Token)));
        }

        return numbers;
    }

    /// <summary>The next event of type <typeparamref name="T"/> matching <paramref name="match"/>, skipping others.</summary>
    public static async Task<T> NextEventAsync<T>(ReliableChannel channel, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : SessionEvent
    {
        using var cancel = new CancellationTokenSource(timeout ?? Deadline);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var evt = await channel.Events.ReadAsync(cancel.Token);
                if (evt is T wanted && (match is null || match(wanted)))
                {
                    return wanted;
                }

                seen.Add(evt.ToString());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            throw new TimeoutException($"No {typeof(T).Name}; saw: {string.Join(", ", seen)}");
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Deadline);
        while (!condition())
        {
            await Task.Delay(20, cancel.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Host.DisposeAsync();
        await HostRelay.DisposeAsync();
        await Proxy.DisposeAsync();
        await Relay.DisposeAsync();
        Channel.Dispose();
    }
}

/// <summary>A device of a <see cref="ProxiedSession"/>: its relay client, channel and logs.</summary>
internal sealed class TestDevice(RelayClient relay, ReliableChannel channel, RecordingLoggerFactory logs) : IAsyncDisposable
{
    public RelayClient Relay { get; } = relay;

    public ReliableChannel Channel { get; } = channel;

    public RecordingLoggerFactory Logs { get; } = logs;

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        await Relay.DisposeAsync();
    }
}
