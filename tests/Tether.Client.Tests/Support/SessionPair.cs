using System.Text;
using Tether.Client.Relay;
using Tether.Client.Sessions;

namespace Tether.Client.Tests.Support;

/// <summary>A host and a device, each a relay client with a reliable channel on top, for one test channel.</summary>
internal sealed class SessionPair : IAsyncDisposable
{
    private SessionPair(RelayClient hostRelay, RelayClient deviceRelay, ReliableChannel host, ReliableChannel device)
    {
        HostRelay = hostRelay;
        DeviceRelay = deviceRelay;
        Host = host;
        Device = device;
    }

    public RelayClient HostRelay { get; }

    public RelayClient DeviceRelay { get; }

    public ReliableChannel Host { get; }

    public ReliableChannel Device { get; }

    public static SessionPair Start(TestChannel channel, Uri relay, Func<RelayClientOptions, RelayClientOptions>? tune = null)
    {
        tune ??= options => options;
        var hostRelay = RelayClient.Start(tune(channel.HostOptions(relay)));
        var deviceRelay = RelayClient.Start(tune(channel.DeviceOptions(relay)));
        var devicePublic = channel.DeviceStatic.PublicKey;
        var host = ReliableChannel.ForHost(hostRelay, channel.HostStatic, key => key.Equals(devicePublic));
        var device = ReliableChannel.ForDevice(deviceRelay, channel.DeviceStatic, channel.HostStatic.PublicKey);
        return new SessionPair(hostRelay, deviceRelay, host, device);
    }

    /// <summary>A small JSON application message with a number, as the host and device would exchange.</summary>
    public static byte[] Message(string from, int n) => Encoding.UTF8.GetBytes($$"""{"type":"test","from":"{{from}}","n":{{n}}}""");

    /// <summary>The number in a <see cref="Message"/>.</summary>
    public static int Number(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        var start = text.IndexOf("\"n\":", StringComparison.Ordinal) + 4;
        return int.Parse(text.AsSpan(start, text.IndexOf('}', start) - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until both ends have a Noise session up.</summary>
    public async Task WaitEstablishedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!(Host.IsEstablished && Device.IsEstablished))
        {
            await Task.Delay(20, cancel.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Device.DisposeAsync();
        await Host.DisposeAsync();
        await DeviceRelay.DisposeAsync();
        await HostRelay.DisposeAsync();
    }
}
